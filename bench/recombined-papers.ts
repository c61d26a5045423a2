import type { PaperInput } from '../src/core/paper.js';
import { sourceFields } from './hugging-face-fields.js';
import type { RealPaper } from './real-corpus.js';

/**
 * New papers for a store larger than the corpus, made of real text: each abstract is real sentences drawn from
 * different papers of one category (an opening sentence, middle ones, a closing one, as many as a real abstract of
 * that category has), and each title joins the head of one real title to the tail of another at the same joint
 * (`:`, `for`, `via`, `with`...).
 *
 * Why sentences rather than a word-trigram model: search cost depends on phrase and co-occurrence statistics
 * ("large language models", a topic's words in the same paper), and whole real sentences keep every n-gram inside
 * them exactly as frequent as in real abstracts, with the topic of their category; a trigram model keeps only
 * three-word windows, drifts off topic within a sentence and needs a table of millions of trigrams in memory,
 * while the sentence pools are slices of the abstracts already read. What it loses: a generated abstract mixes
 * several papers' claims, and a real sentence recurs in about `size / corpus` papers (12 at a million), which
 * scales a rare term's document frequency with the store, as a larger real corpus would.
 */
export type Recombiner = (index: number) => PaperInput;

interface CategoryPool {
  openings: string[];
  middles: string[];
  closings: string[];
  /** Real abstracts' sentence counts, to draw a length from. */
  lengths: number[];
  /** Title heads (before the joint), and the tails (from the joint on) by joint. */
  heads: { head: string; joint: string }[];
  tails: Map<string, string[]>;
}

/** A category with fewer sentences than this draws from the whole corpus instead. */
const MIN_POOL = 500;
const DAY_MS = 86_400_000;
/** The days the generated papers spread over, ending at the corpus's newest listing. */
const SPREAD_DAYS = 730;
const JOINT = /(: | for | via | with | in | of | using | on | from | through | towards? )/i;

/** Ids for generated papers: `2613.NNNNN` and up, months that do not exist (so no real paper has them). */
export const generatedId = (index: number): string =>
  `${2613 + Math.floor(index / 100_000)}.${String(index % 100_000).padStart(5, '0')}`;

const emptyPool = (): CategoryPool => ({
  openings: [],
  middles: [],
  closings: [],
  lengths: [],
  heads: [],
  tails: new Map(),
});

function addToPool(pool: CategoryPool, paper: RealPaper): void {
  const sentences = paper.abstract
    .split(/(?<=[.!?])\s+(?=[A-Z(])/)
    .filter((sentence) => sentence.length > 20);
  if (sentences.length > 0) {
    pool.lengths.push(sentences.length);
    pool.openings.push(sentences[0]!);
    if (sentences.length > 1) pool.closings.push(sentences.at(-1)!);
    pool.middles.push(...sentences.slice(1, -1));
  }
  const joint = JOINT.exec(paper.title);
  if (joint && joint.index > 0) {
    const key = joint[1]!.toLowerCase();
    pool.heads.push({ head: paper.title.slice(0, joint.index), joint: key });
    const tails = pool.tails.get(key) ?? [];
    tails.push(paper.title.slice(joint.index));
    pool.tails.set(key, tails);
  }
}

/** Generated papers 0, 1, 2... over `real`, drawn with `random` (call them in order for a repeatable store). */
export function createRecombiner(real: readonly RealPaper[], random: () => number): Recombiner {
  const all = emptyPool();
  const byCategory = new Map<string, CategoryPool>();
  const authorNames: string[] = [];
  let newest = 0;
  for (const paper of real) {
    addToPool(all, paper);
    const primary = paper.categories[0];
    if (primary) {
      const pool = byCategory.get(primary) ?? emptyPool();
      addToPool(pool, paper);
      byCategory.set(primary, pool);
    }
    // Every name once per paper: prolific authors are drawn as often as they publish.
    authorNames.push(...paper.authors);
    if (paper.published) newest = Math.max(newest, Date.parse(`${paper.published}T00:00:00Z`));
  }
  if (all.openings.length === 0 || all.heads.length === 0)
    throw new Error('the corpus has no abstracts to recombine');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const poolFor = (categories: readonly string[]) =>
    categories
      .map((category) => byCategory.get(category))
      .find((pool) => (pool?.middles.length ?? 0) >= MIN_POOL) ?? all;

  return (index) => {
    const template = pick(real);
    const pool = poolFor(template.categories);
    const length = pick(pool.lengths);
    const sentences = [pick(pool.openings)];
    for (let at = 1; at < length - 1; at += 1) sentences.push(pick(pool.middles));
    if (length > 1) sentences.push(pick(pool.closings.length > 0 ? pool.closings : pool.middles));
    const abstract = sentences.join(' ');
    const { head, joint } = pick(pool.heads.length > 0 ? pool.heads : all.heads);
    const title = `${head}${pick(pool.tails.get(joint) ?? all.tails.get(joint)!)}`;
    let day = newest - Math.floor(random() * SPREAD_DAYS) * DAY_MS;
    // arXiv lists on weekdays: a Saturday or Sunday moves back to the Friday.
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6 || weekday === 0) day -= (weekday === 6 ? 1 : 2) * DAY_MS;
    const publishedAt = new Date(day);
    const authorCount = Math.max(1, template.authors.length);
    return {
      id: generatedId(index),
      title,
      abstract,
      authors: authorNames.length > 0 ? Array.from({ length: authorCount }, () => pick(authorNames)) : [],
      categories: template.categories,
      ...(template.categories[0] ? { primaryCategory: template.categories[0] } : {}),
      publishedAt,
      ...sourceFields(publishedAt.toISOString().slice(0, 10), abstract, random),
    };
  };
}
