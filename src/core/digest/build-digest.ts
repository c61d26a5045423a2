import type { Channel, ChannelRef } from '../channel.js';
import type { Paper } from '../paper.js';
import type { DigestPapers, SubscriptionStore } from '../ports.js';
import { latestCompleteDailyPapersDay } from '../schedule/daily-papers-day.js';

/** How far back subscription matches reach, and how many one digest carries at most. */
export const MATCH_WINDOW_DAYS = 7;
export const MAX_MATCHES_PER_DIGEST = 20;

export interface DigestItem {
  paper: Paper;
  reason: 'trending' | 'subscription';
  /** The subscription term that matched, also on trending papers that match one. */
  matchedTerm: string | null;
}

export interface Digest {
  channel: ChannelRef;
  at: Date;
  /** The Daily-Papers day the trending part covers, or null when the channel does not follow HF or none is stored. */
  day: string | null;
  items: DigestItem[];
}

export interface DigestDependencies {
  papers: DigestPapers;
  subscriptions: SubscriptionStore;
}

/**
 * What a channel's digest holds at `at`: the top papers of the latest complete Daily-Papers day (by upvotes,
 * at least the channel's minimum), then the papers matching its subscriptions from Hugging Face and its arXiv
 * categories. A paper with an excluded term (`-survey`) is left out of both parts. Each paper appears once, marked with the first term it matched; papers the channel was already
 * sent never come back. The same store and clock give the same digest.
 */
export async function buildDigest(
  dependencies: DigestDependencies,
  channel: Channel,
  at: Date,
): Promise<Digest> {
  const { settings } = channel;
  const includeHf = settings.sources.includes('hf');
  const categories = settings.sources.filter((source) => source !== 'hf');

  const terms = await dependencies.subscriptions.list(channel);
  const excluded = terms.filter((term) => term.kind === 'exclude');

  const day = includeHf ? await dependencies.papers.latestDailyDay(latestCompleteDailyPapersDay(at)) : null;
  const trending = day
    ? await dependencies.papers.trending({
        channel,
        day,
        minUpvotes: settings.minUpvotes,
        excluded,
        limit: settings.top,
      })
    : [];

  const matches =
    terms.length > excluded.length
      ? await dependencies.papers.matching({
          channel,
          terms,
          includeHf,
          categories,
          from: new Date(at.getTime() - MATCH_WINDOW_DAYS * 86_400_000),
          to: at,
          limit: MAX_MATCHES_PER_DIGEST + trending.length,
        })
      : [];

  const termOf = new Map(matches.map((match) => [match.paper.id, match.term]));
  const trendingIds = new Set(trending.map((paper) => paper.id));
  const items: DigestItem[] = [
    ...trending.map((paper) => ({
      paper,
      reason: 'trending' as const,
      matchedTerm: termOf.get(paper.id) ?? null,
    })),
    ...matches
      .filter((match) => !trendingIds.has(match.paper.id))
      .slice(0, MAX_MATCHES_PER_DIGEST)
      .map((match) => ({ paper: match.paper, reason: 'subscription' as const, matchedTerm: match.term })),
  ];
  return {
    channel: { platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId },
    at,
    day,
    items,
  };
}
