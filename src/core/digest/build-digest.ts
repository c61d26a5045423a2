import type { Channel, ChannelRef } from '../channel.js';
import type { Paper } from '../paper.js';
import type {
  DigestPapers,
  FeedbackStore,
  PaperShare,
  PaperUpdate,
  PaperUpdates,
  SharedPapers,
  SubscriptionStore,
} from '../ports.js';
import { countVotes, learningState } from '../relevance/channel-profile.js';
import type { RankingOptions } from '../relevance/rank-candidates.js';
import { latestCompleteDailyPapersDay } from '../schedule/daily-papers-day.js';
import { learnedPicks } from './learned-picks.js';

/** How far back subscription matches reach, and how many one digest carries at most. */
export const MATCH_WINDOW_DAYS = 7;
export const MAX_MATCHES_PER_DIGEST = 20;
/** "Since you saw it" lines one digest carries at most; the rest wait for the next. */
export const MAX_UPDATES_PER_DIGEST = 5;

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
  /** The papers new to the channel. */
  items: DigestItem[];
  /**
   * Papers it would have held that a teammate already shared here, shown in one line each and counted as
   * delivered (`shared:show`; with `shared:hide` the queries leave them out, so this stays empty).
   */
  shared?: { item: DigestItem; share: PaperShare }[];
  /** Papers posted here before that gained traction since ("since you saw it"), each mentioned once. */
  updates?: PaperUpdate[];
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
  /** Who shared which papers here; without it no paper counts as shared. */
  shares?: Pick<SharedPapers, 'find'>;
  /** Posted papers that gained traction since; without it there are no "since you saw it" lines. */
  updates?: Pick<PaperUpdates, 'unmentioned'>;
}

/** Every paper a digest shows, or leaves out as already shared or posted: all of them count as delivered. */
export const deliveredItems = (digest: Digest): { paperId: string; matchedTerm: string | null }[] => [
  ...[...digest.items, ...(digest.shared ?? []).map((entry) => entry.item)].map((item) => ({
    paperId: item.paper.id,
    matchedTerm: item.matchedTerm,
  })),
  ...(digest.updates ?? []).map((update) => ({ paperId: update.paper.id, matchedTerm: null })),
];

/**
 * What a channel's digest holds at `at`: the top papers of the latest complete Daily-Papers day (by upvotes,
 * at least the channel's minimum), then the papers matching its subscriptions from Hugging Face and its arXiv
 * categories. A paper with an excluded term (`-survey`) is left out of both parts. Each paper appears once, marked with the first term it matched; papers the channel was already
 * sent never come back. The same store and clock give the same digest.
 *
 * A paper a teammate already shared in the channel is never presented as new: it goes to `shared` (one line, or
 * left out with `shared:hide`) and counts as delivered, so learning never offers it again either. Papers posted
 * before that gained traction since are listed in `updates`, for one "since you saw it" line each.
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

  // The reads that need nothing else go out together: one round trip instead of four (a fan-out builds thousands).
  const [terms, day, signals, updates] = await Promise.all([
    dependencies.subscriptions.list(channel),
    includeHf ? dependencies.papers.latestDailyDay(latestCompleteDailyPapersDay(at)) : null,
    settings.learn && dependencies.feedback ? dependencies.feedback.signals(channel) : [],
    dependencies.updates ? dependencies.updates.unmentioned(channel, MAX_UPDATES_PER_DIGEST) : [],
  ]);
  const excluded = terms.filter((term) => term.kind === 'exclude');

  const trending = day
    ? await dependencies.papers.trending({
        channel,
        day,
        minUpvotes: settings.minUpvotes,
        excluded,
        limit: settings.top,
        // With `shared:hide` a shared paper leaves its place to the next one; with `show` it keeps it, as a line.
        excludeShared: settings.shared === 'hide',
      })
    : [];

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
          excludeShared: settings.shared === 'hide',
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
  const chosen: DigestItem[] = [
    ...top,
    ...matches
      .filter((match) => !left.has(match.paper.id))
      .slice(0, MAX_MATCHES_PER_DIGEST)
      .map((match) => ({ paper: match.paper, reason: 'subscription' as const, matchedTerm: match.term })),
  ];
  const shares = dependencies.shares
    ? await dependencies.shares.find(
        channel,
        chosen.map((item) => item.paper.id),
      )
    : new Map<string, PaperShare>();
  // A paper posted here before is news only in its "since you saw it" line.
  const updated = new Set(updates.map((update) => update.paper.id));
  return {
    channel: { platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId },
    at,
    day,
    items: chosen.filter((item) => !shares.has(item.paper.id) && !updated.has(item.paper.id)),
    // Under `shared:hide` a paper shared after the queries ran is left out too; the next digest's queries skip it.
    shared:
      settings.shared === 'hide'
        ? []
        : chosen.flatMap((item) => {
            const share = shares.get(item.paper.id);
            return share ? [{ item, share }] : [];
          }),
    updates,
    ...(learning.kind === 'on' ? { learnedFrom: learning.votes } : {}),
  };
}
