import { seededRandom } from './synthetic-papers.js';
import { ranked, type TextSource, type TextStatistics, textStatistics } from './text-statistics.js';

/**
 * What people type into `/papers search`, as shapes: the shapes of the fixed list in `search-bench.ts` and what a
 * real channel adds. Each shape's candidate queries are drawn at run time from the store's own text (never written
 * down here), ordered from most to least popular; each run then picks a candidate with a Zipf skew (the first twice
 * as often as the second, three times as often as the third...), so popular queries repeat as they do in a
 * channel, and the runs of all shapes arrive interleaved.
 */
export const QUERY_SHAPES = {
  /** `model`, `learning`: the most common title words. */
  'common word': (stats, pick) => pick(ranked(stats.titleWords), 0, POOL),
  /** `diffusion`, `pathology`: a topic, in hundreds of titles. */
  'topic word': (stats, pick) => pick(ranked(stats.titleWords), 200, 2000),
  /** `grokking`, `kronecker`: a long word in a handful of titles. */
  'rare word': (stats, pick) =>
    pick(
      ranked(stats.titleWords, 2).filter(
        (word) => word.length >= 7 && (stats.titleWords.get(word) ?? 0) <= 4,
      ),
      0,
      Number.POSITIVE_INFINITY,
    ),
  /** `sparse attention`, `robot manipulation`. */
  'two-word topic': (stats, pick) => pick(ranked(stats.bigrams), 0, 400),
  /** `graph neural networks`, typed without quotes. */
  'three-word topic': (stats, pick) => pick(ranked(stats.trigrams), 0, 1000),
  /** `"large language"`, `"retrieval augmented generation"`. */
  'quoted phrase': (stats, pick) =>
    [...pick(ranked(stats.bigrams), 0, 100, POOL / 2), ...pick(ranked(stats.trigrams), 0, 100, POOL / 2)].map(
      (phrase) => `"${phrase}"`,
    ),
  /** `EEG`, `RAG`, `LLMs`. */
  acronym: (stats, pick) => pick(ranked(stats.acronyms), 0, 200),
  /** `GPT-4o`, `Qwen2.5-VL`. */
  'model name': (stats, pick) => pick(ranked(stats.modelNames), 0, 300),
  /** `vision-language`, `zero-shot`. */
  'hyphenated term': (stats, pick) => pick(ranked(stats.hyphenated), 0, 300),
  /** An author's last name, among those with five papers or more. */
  'author surname': (stats, pick) => pick(ranked(stats.surnames, 5), 0, Number.POSITIVE_INFINITY),
  /** `model -language`: the second word of a common pair without the first. */
  exclusion: (stats, pick) =>
    pick(ranked(stats.bigrams), 0, 200).map((pair) => {
      const [first, second] = pair.split(' ');
      return `${second} -${first}`;
    }),
  /** `quantization OR pruning`: two topic words. */
  OR: (stats, pick) => {
    const words = pick(ranked(stats.titleWords), 200, 2000, POOL * 2);
    return Array.from(
      { length: Math.floor(words.length / 2) },
      (_, at) => `${words[2 * at]} OR ${words[2 * at + 1]}`,
    );
  },
  /** `trasnformer`: a common word with one slip of the finger, which no title spells so. */
  typo: (stats, pick, random) =>
    pick(
      ranked(stats.titleWords).filter((word) => word.length >= 7),
      0,
      1000,
    ).flatMap((word) => {
      const typo = misspell(word, random);
      return stats.titleWords.has(typo) ? [] : [typo];
    }),
} satisfies Record<string, DrawShape>;

export type QueryShape = keyof typeof QUERY_SHAPES;

/** One search of the mix. */
export interface MixQuery {
  shape: QueryShape;
  query: string;
  /** Its place in the shape's candidates: 0 is the most popular. */
  rank: number;
}

export interface QueryMix {
  /** The searches, in the order they arrive. */
  runs: MixQuery[];
  /** Each shape's candidates, most popular first. */
  candidates: Map<QueryShape, string[]>;
  /** Shapes the text offers nothing for (the synthetic fallback has no model names, for one). */
  missing: QueryShape[];
}

/** Candidate queries per shape. */
const POOL = 40;

/** `count` of `terms[from..to)`, chosen by `random`, kept in the terms' order (most popular first). */
type Pick = (terms: readonly string[], from: number, to: number, count?: number) => string[];
type DrawShape = (stats: TextStatistics, pick: Pick, random: () => number) => string[];

/** `runsPerShape` searches of every shape, drawn from `texts` with `seed` (the same text gives the same mix). */
export function buildQueryMix(texts: readonly TextSource[], runsPerShape: number, seed = 17): QueryMix {
  const random = seededRandom(seed);
  const stats = textStatistics(texts);
  const pick: Pick = (terms, from, to, count = POOL) => {
    const range = terms.slice(from, Math.min(to, terms.length));
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, range.length)) chosen.add(Math.floor(random() * range.length));
    return [...chosen].sort((a, b) => a - b).map((index) => range[index]!);
  };
  const candidates = new Map<QueryShape, string[]>();
  const missing: QueryShape[] = [];
  const runs: MixQuery[] = [];
  for (const [shape, draw] of Object.entries(QUERY_SHAPES) as [QueryShape, DrawShape][]) {
    const pool = [...new Set(draw(stats, pick, random))];
    if (pool.length === 0) {
      missing.push(shape);
      continue;
    }
    candidates.set(shape, pool);
    const zipf = zipfSampler(pool.length, random);
    for (let run = 0; run < runsPerShape; run += 1) {
      const rank = zipf();
      runs.push({ shape, query: pool[rank]!, rank });
    }
  }
  // Interleave the shapes, as a channel's searches arrive.
  for (let at = runs.length - 1; at > 0; at -= 1) {
    const swap = Math.floor(random() * (at + 1));
    [runs[at], runs[swap]] = [runs[swap]!, runs[at]!];
  }
  return { runs, candidates, missing };
}

/** Ranks 0..size-1 with chance proportional to 1 / (rank + 1). */
export function zipfSampler(size: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 0; rank < size; rank += 1) {
    sum += 1 / (rank + 1);
    cumulative.push(sum);
  }
  return () => {
    const target = random() * sum;
    const rank = cumulative.findIndex((value) => value >= target);
    return rank === -1 ? size - 1 : rank;
  };
}

/** `word` with one slip: two inner letters swapped, one dropped or one doubled. */
export function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 3));
  const slip = Math.floor(random() * 3);
  if (slip === 0) return `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`;
  if (slip === 1) return `${word.slice(0, at)}${word.slice(at + 1)}`;
  return `${word.slice(0, at)}${word[at]}${word.slice(at)}`;
}
