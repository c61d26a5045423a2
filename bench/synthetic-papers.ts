import type { PaperInput } from '../src/core/paper.js';
import { fixtureCorpus } from '../test/helpers/fixture-corpus.js';
import { recordedCorpus } from '../test/helpers/recorded-corpus.js';
import { sharedDir } from '../test/helpers/shared-dir.js';

/** A small deterministic PRNG (mulberry32), so every bench run stores the same papers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Vocabulary {
  words: string[];
  authors: string[];
  keywords: string[];
}

/**
 * Where the generated text takes its words: the recorded Hugging Face and arXiv responses in `../shared/`, read
 * at run time (real vocabulary), or the project's own invented fixtures when that folder is absent.
 */
export const vocabularySource = sharedDir
  ? 'the recorded HF and arXiv responses in ../shared'
  : 'the invented test fixtures (../shared is absent)';

function vocabulary(): Vocabulary {
  const corpus = sharedDir ? recordedCorpus() : fixtureCorpus();
  const words = new Set<string>();
  const authors = new Set<string>();
  const keywords = new Set<string>();
  for (const paper of corpus) {
    for (const word of `${paper.title} ${paper.abstract ?? ''}`.split(/\s+/)) {
      const clean = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (clean.length > 1) words.add(clean);
    }
    for (const author of paper.authors ?? []) authors.add(author);
    for (const keyword of paper.aiKeywords ?? []) keywords.add(keyword);
  }
  return { words: [...words], authors: [...authors], keywords: [...keywords] };
}

/** An author surname from the vocabulary, for the author-search query (chosen at run time: no name is committed). */
export function vocabularySurname(): string {
  return vocabulary().authors[0]?.split(' ').at(-1) ?? 'author';
}

/**
 * `count` papers built from the words of `vocabularySource`, picked with a Zipf-like skew so that some words are very
 * common and others rare, as in real abstracts. Ids are `YYMM.NNNNN` in a range no real fixture uses.
 */
export function syntheticPapers(count: number, seed = 42): PaperInput[] {
  return [...syntheticPaperStream(count, seed)];
}

/** The papers of `syntheticPapers`, made one at a time (the same papers for the same seed). */
export function* syntheticPaperStream(count: number, seed = 42): Generator<PaperInput> {
  const random = seededRandom(seed);
  const { words, authors, keywords } = vocabulary();
  const zipf = (list: string[]) => list[Math.floor(list.length * random() ** 3)] ?? '';
  const uniform = (list: string[]) => list[Math.floor(list.length * random())] ?? '';
  const sentence = (length: number) => Array.from({ length }, () => zipf(words)).join(' ');
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let index = 0; index < count; index += 1) {
    const published = new Date(start + Math.floor(random() * 540) * 86_400_000);
    const fromHf = random() < 0.3;
    yield {
      id: `${3000 + Math.floor(index / 99_999)}.${String(index % 99_999).padStart(5, '0')}`,
      title: sentence(6 + Math.floor(random() * 8)),
      abstract: sentence(120 + Math.floor(random() * 80)),
      authors: Array.from({ length: 1 + Math.floor(random() * 6) }, () => uniform(authors)),
      publishedAt: published,
      categories: [uniform(['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'cs.RO'])],
      ...(fromHf
        ? {
            dailyDate: published.toISOString().slice(0, 10),
            upvotes: Math.floor(random() ** 4 * 300),
            aiKeywords: Array.from({ length: 5 }, () => uniform(keywords)),
            source: 'hf' as const,
          }
        : { source: 'arxiv' as const }),
    };
  }
}
