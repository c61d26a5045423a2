import type { Channel } from '../channel.js';
import type { Paper } from '../paper.js';
import type { DigestPapers, FeedbackSignal } from '../ports.js';
import { becauseLine } from '../relevance/because-line.js';
import { type ProfileExample, signalWeight } from '../relevance/channel-profile.js';
import { DEFAULT_RANKING, type RankingOptions, rankCandidates } from '../relevance/rank-candidates.js';
import type { SubscriptionTerm } from '../subscriptions/term.js';
import type { DigestItem } from './build-digest.js';

/** How far back the channel's arXiv categories are read for candidates, and how many candidates at most. */
export const CANDIDATE_DAYS = 3;
export const MAX_CANDIDATES = 300;
/** The most recently voted papers the profile keeps. */
export const MAX_EXAMPLES = 200;

/** What the learned part of a digest is chosen from. */
export interface LearnedPicksInput {
  channel: Channel;
  at: Date;
  day: string | null;
  categories: string[];
  terms: SubscriptionTerm[];
  signals: readonly FeedbackSignal[];
  /** What upvotes alone choose (today's ranking): a pick that is not among them says why it was chosen. */
  byUpvotes: readonly Paper[];
}

/**
 * The digest's top part for a channel that learns: the Daily-Papers day and the channel's categories' recent
 * papers, ranked by the profile its votes make, blended with upvotes; a paper the channel voted on never comes
 * back. A pick upvotes alone would not have made carries a `because` naming the liked paper it is most like.
 */
export async function learnedPicks(
  papers: Pick<DigestPapers, 'candidates' | 'documents' | 'papers'>,
  input: LearnedPicksInput,
  options: RankingOptions = DEFAULT_RANKING,
): Promise<DigestItem[]> {
  const { channel, at, signals } = input;
  const voted = new Set(signals.map((signal) => signal.paperId));
  const recent = [...signals]
    .filter((signal) => signalWeight(signal) !== 0)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || a.paperId.localeCompare(b.paperId))
    .slice(0, MAX_EXAMPLES);
  const [documents, candidates] = await Promise.all([
    papers.documents(recent.map((signal) => signal.paperId)),
    papers.candidates({
      channel,
      day: input.day,
      categories: input.categories,
      from: new Date(at.getTime() - CANDIDATE_DAYS * 86_400_000),
      to: at,
      minUpvotes: channel.settings.minUpvotes,
      terms: input.terms,
      limit: MAX_CANDIDATES,
      excludeShared: channel.settings.shared === 'hide',
    }),
  ]);
  const documentOf = new Map(documents.map((document) => [document.id, document]));
  const examples: ProfileExample[] = recent.flatMap((signal) => {
    const document = documentOf.get(signal.paperId);
    return document
      ? [{ document, weight: signalWeight(signal), relevant: signal.relevant, saved: signal.saved }]
      : [];
  });
  const fresh = candidates.filter((candidate) => !voted.has(candidate.document.id));
  const ranked = rankCandidates(
    fresh.map((candidate) => ({
      document: candidate.document,
      matchesSubscription: candidate.term !== null,
    })),
    examples,
    options,
  );
  const picks = ranked.slice(0, channel.settings.top).flatMap(({ index, nearest }) => {
    const candidate = fresh[index];
    return candidate ? [{ candidate, example: nearest ? examples[nearest.example] : undefined }] : [];
  });
  const full = new Map(
    (await papers.papers(picks.map(({ candidate }) => candidate.document.id))).map((paper) => [
      paper.id,
      paper,
    ]),
  );
  const byUpvotes = new Set(input.byUpvotes.map((paper) => paper.id));
  return picks.flatMap(({ candidate, example }) => {
    const paper = full.get(candidate.document.id);
    if (!paper) return [];
    const item: DigestItem = { paper, reason: 'trending', matchedTerm: candidate.term };
    if (example && !byUpvotes.has(paper.id)) item.because = becauseLine(example);
    return [item];
  });
}
