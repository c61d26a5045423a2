import type { PaperItem } from '../cards/card.js';
import { toPaperItem } from '../cards/paper-item.js';
import type { Paper } from '../paper.js';

/**
 * Why a paper shown as `shown` has gained traction since, as it is now: `daily` (it entered the Daily Papers
 * with upvotes), `min-upvotes:<n>` (it crossed the channel's minimum, when that is above 0), `code` (it got a code
 * link). Empty when nothing worth an edit changed (a few more upvotes are not).
 *
 * @example
 * tractionReasons(shownWithoutUpvotes, { ...paper, dailyDate: '2026-06-12', upvotes: 42 }, 0); // ['daily']
 */
export function tractionReasons(shown: PaperItem, paper: Paper, minUpvotes: number): string[] {
  const now = toPaperItem(paper);
  const before = shown.upvotes ?? 0;
  const upvotes = now.upvotes ?? 0;
  const reasons: string[] = [];
  if (shown.upvotes === null && paper.dailyDate !== null && upvotes > 0) reasons.push('daily');
  if (minUpvotes > 0 && before < minUpvotes && upvotes >= minUpvotes)
    reasons.push(`min-upvotes:${minUpvotes}`);
  if (shown.code === null && now.code !== null) reasons.push('code');
  return reasons;
}

/** What a paper has now, in a few words: `42 upvotes on Daily Papers · code (⭐ 120)`. */
export function tractionNews(paper: Paper): string {
  const item = toPaperItem(paper);
  const parts: string[] = [];
  if ((item.upvotes ?? 0) > 0)
    parts.push(
      `${item.upvotes} upvote${item.upvotes === 1 ? '' : 's'}${paper.dailyDate ? ' on Daily Papers' : ''}`,
    );
  if (item.code) parts.push(item.code.stars === null ? 'code' : `code (⭐ ${item.code.stars})`);
  return parts.join(' · ') || 'new links';
}

/**
 * The item drawn again as the paper is now, keeping what the channel's message said about it (the matched term,
 * why it was chosen, the counts, and a model's TL;DR in the channel's language).
 */
export function redrawnItem(shown: PaperItem, paper: Paper): PaperItem {
  const now = toPaperItem(paper, shown.matchedTerm);
  return {
    ...now,
    ...(shown.counts ? { counts: shown.counts } : {}),
    ...(shown.savedBy ? { savedBy: shown.savedBy } : {}),
    ...(shown.because ? { because: shown.because } : {}),
    ...(shown.summaryKind === 'model' ? { summary: shown.summary, summaryKind: 'model' as const } : {}),
  };
}
