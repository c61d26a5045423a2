import type { Channel, ChannelRef } from '../channel.js';
import type { Paper } from '../paper.js';
import type { DigestPapers, FeedbackSignal, FeedbackStore, SubscriptionStore } from '../ports.js';
import { countVotes, learningState } from '../relevance/channel-profile.js';
import type { RankingOptions } from '../relevance/rank-candidates.js';
import { latestCompleteDailyPapersDay } from '../schedule/daily-papers-day.js';
import { learnedPicks } from './learned-picks.js';

/** How far back subscription matches reach, and how many one digest carries at most. */
export const MATCH_WINDOW_DAYS = 7;
export const MAX_MATCHES_PER_DIGEST = 20;

export interface DigestItem {
  paper: Paper;
  reason: 'trending' | 'subscription';
  /** The subscription term that matched, also on trending papers that match one. */
  matchedTerm: string | null;
  /** Why the channel's learned profile chose it, when upvotes alone would not have (`like "X", which 3 of you saved`). */
  because?: string;
}

export interface Digest {
  channel: ChannelRef;
  at: Date;
  /** The Daily-Papers day the trending part covers, or null when the channel does not follow HF or none is stored. */
  day: string | null;
  items: DigestItem[];
  /** Set when the channel's votes chose the top part: how many votes it learned from. */
  learnedFrom?: number;
}

export interface DigestDependencies {
  papers: DigestPapers;
  subscriptions: SubscriptionStore;
  /** The channel's votes; without it (or with `learn:off`, or fewer than five votes) the digest ranks by upvotes. */
  feedback?: Pick<FeedbackStore, 'signals'>;
  /** How a learning channel's candidates are scored (the bench compares others; the default otherwise). */
  ranking?: RankingOptions;
}

/**
 * What a channel's digest holds at `at`: the top papers of the latest complete Daily-Papers day (by upvotes,
 * at least the channel's minimum), then the papers matching its subscriptions from Hugging Face and its arXiv
 * categories. A paper with an excluded term (`-survey`) is left out of both parts. Each paper appears once, marked with the first term it matched; papers the channel was already
 * sent never come back. The same store and clock give the same digest.
 *
 * A channel that learns (`learn:on`, at least `LEARN_AFTER_VOTES` votes) gets its top part chosen from the
 * day's papers and its categories' recent ones by its votes blended with upvotes (`learnedPicks`); below that,
 * or with `learn:off`, the digest is exactly the upvote ranking above.
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

  const signals: FeedbackSignal[] =
    settings.learn && dependencies.feedback ? await dependencies.feedback.signals(channel) : [];
  const learning = learningState(settings, countVotes(signals));
  const learned =
    learning.kind === 'on'
      ? await learnedPicks(
          dependencies.papers,
          { channel, at, day, categories, terms, signals, byUpvotes: trending },
          dependencies.ranking,
        )
      : null;
  const topCount = learned ? learned.length : trending.length;

  const matches =
    terms.length > excluded.length
      ? await dependencies.papers.matching({
          channel,
          terms,
          includeHf,
          categories,
          from: new Date(at.getTime() - MATCH_WINDOW_DAYS * 86_400_000),
          to: at,
          limit: MAX_MATCHES_PER_DIGEST + topCount,
        })
      : [];

  const termOf = new Map(matches.map((match) => [match.paper.id, match.term]));
  const top: DigestItem[] =
    learned ??
    trending.map((paper) => ({
      paper,
      reason: 'trending' as const,
      matchedTerm: termOf.get(paper.id) ?? null,
    }));
  // A learning channel never gets back a paper it voted on (a 👎 above all), even as a subscription match.
  const left = new Set([
    ...top.map((item) => item.paper.id),
    ...(learned ? signals.map((s) => s.paperId) : []),
  ]);
  const items: DigestItem[] = [
    ...top,
    ...matches
      .filter((match) => !left.has(match.paper.id))
      .slice(0, MAX_MATCHES_PER_DIGEST)
      .map((match) => ({ paper: match.paper, reason: 'subscription' as const, matchedTerm: match.term })),
  ];
  return {
    channel: { platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId },
    at,
    day,
    items,
    ...(learning.kind === 'on' ? { learnedFrom: learning.votes } : {}),
  };
}
