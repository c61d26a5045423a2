import type { PaperInput } from '../src/core/paper.js';
import { isTopicWord, wordRuns } from './text-words.js';

/** The share of the bench store's papers that Hugging Face's Daily Papers carried. */
export const HF_SHARE = 0.3;

type SourceFields = Pick<PaperInput, 'source' | 'dailyDate' | 'upvotes' | 'aiKeywords'>;

/** A standard normal draw (Box-Muller). */
const gaussian = (random: () => number) =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/**
 * Upvotes as skewed as on the real site: log-normal, median about 7, 1% above 130 and a few in the thousands
 * (the same law as the relevance evaluation's simulated days).
 */
export const upvotes = (random: () => number): number => Math.floor(Math.exp(2 + 1.25 * gaussian(random)));

/** Keywords as Hugging Face writes them: a few two-word phrases of the abstract, lower case. */
function keywordsOf(abstract: string): string[] {
  const found = new Set<string>();
  for (const run of wordRuns(abstract)) {
    for (let at = 0; at + 1 < run.length && found.size < 5; at += 1) {
      const first = run[at]!.toLowerCase();
      const second = run[at + 1]!.toLowerCase();
      if (isTopicWord(first) && isTopicWord(second)) found.add(`${first} ${second}`);
    }
  }
  return [...found];
}

/**
 * The source fields of one bench paper: with chance `HF_SHARE` (dated papers only) the Daily Papers carried it on
 * the day of its listing, with skewed upvotes and keywords; otherwise arXiv alone.
 */
export function sourceFields(day: string | undefined, abstract: string, random: () => number): SourceFields {
  if (!day || random() >= HF_SHARE) return { source: 'arxiv' };
  return { source: 'hf', dailyDate: day, upvotes: upvotes(random), aiKeywords: keywordsOf(abstract) };
}
