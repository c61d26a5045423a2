import type { PaperInput } from '../src/core/paper.js';
import { sourceFields } from './hugging-face-fields.js';
import { type RealPaper, readRealCorpus } from './real-corpus.js';
import { createRecombiner } from './recombined-papers.js';
import { corpusPath } from './relevance-corpus.js';
import { seededRandom, syntheticPaperStream } from './synthetic-papers.js';
import type { TextSource } from './text-statistics.js';

/**
 * The papers the ingest, search and command scenarios store. With `../shared/corpus/papers.jsonl.gz` (read at
 * run time, never copied): the real papers first (a seeded sample when fewer are asked for), then, past the
 * corpus's 80k, papers recombined from its sentences (`recombined-papers.ts`). Without it: the single-word
 * generator of `synthetic-papers.ts`, with a note that its text has no real phrase statistics.
 */
export interface BenchStore {
  /** What made the text: `corpus` (real and recombined) or `synthetic` (the fallback). */
  method: 'corpus' | 'synthetic';
  /** One line for the log saying where the papers come from. */
  note: string;
  count: number;
  real: number;
  generated: number;
  /** The papers in batches of `size`, made as they are handed out, the same on every call and run. */
  batches(size: number): Generator<PaperInput[]>;
  /** The papers the query mix takes its words from. */
  texts: readonly TextSource[];
}

/** Papers the synthetic fallback hands the query mix (its vocabulary is small: more add nothing). */
const SYNTHETIC_TEXTS = 20_000;

export async function openBenchStore(count: number, seed = 42): Promise<BenchStore> {
  if (!corpusPath) return syntheticStore(count, seed);
  const corpus = await readRealCorpus(corpusPath);
  const real = count >= corpus.length ? corpus : sample(corpus, count, seededRandom(seed + 1));
  const generated = count - real.length;
  return {
    method: 'corpus',
    note:
      `bench store: ${real.length} real papers from ${corpusPath}` +
      (generated > 0 ? ` + ${generated} recombined from their sentences by category` : ''),
    count,
    real: real.length,
    generated,
    texts: real,
    *batches(size) {
      const random = seededRandom(seed);
      for (let start = 0; start < real.length; start += size)
        yield real.slice(start, start + size).map((paper) => realInput(paper, random));
      if (generated === 0) return;
      const recombine = createRecombiner(corpus, random);
      for (let start = 0; start < generated; start += size)
        yield Array.from({ length: Math.min(size, generated - start) }, (_, at) => recombine(start + at));
    },
  };
}

function realInput(paper: RealPaper, random: () => number): PaperInput {
  return {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    categories: paper.categories,
    ...(paper.categories[0] ? { primaryCategory: paper.categories[0] } : {}),
    ...(paper.published ? { publishedAt: new Date(`${paper.published}T00:00:00Z`) } : {}),
    ...sourceFields(paper.published, paper.abstract, random),
  };
}

/** `count` of `list` chosen by `random`, in their original order. */
function sample<T>(list: readonly T[], count: number, random: () => number): T[] {
  const order = list.map((_, index) => index);
  for (let at = 0; at < count; at += 1) {
    const swap = at + Math.floor(random() * (order.length - at));
    [order[at], order[swap]] = [order[swap]!, order[at]!];
  }
  return order
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => list[index]!);
}

function syntheticStore(count: number, seed: number): BenchStore {
  return {
    method: 'synthetic',
    note:
      'bench store: ../shared/corpus/papers.jsonl.gz is absent (set PAPERBOY_SHARED_DIR), so the papers are ' +
      'generated from single words of the recorded responses (bench/synthetic-papers.ts): their text has no ' +
      'real phrase statistics, and phrase searches read faster or slower than on real text',
    count,
    real: 0,
    generated: count,
    texts: [...syntheticPaperStream(Math.min(count, SYNTHETIC_TEXTS), seed)],
    *batches(size) {
      let batch: PaperInput[] = [];
      for (const paper of syntheticPaperStream(count, seed)) {
        batch.push(paper);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}
