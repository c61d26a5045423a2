import { cleanWord, isTopicWord, STOPWORDS, wordRuns } from './text-words.js';

/** What a query can be drawn from: a paper's text and authors. */
export interface TextSource {
  title: string;
  abstract?: string;
  authors?: string[];
}

/** How many papers use each term (document frequency), by the kind of term a user types. */
export interface TextStatistics {
  /** Lowercase topic words of titles. */
  titleWords: Map<string, number>;
  /** Two topic words side by side in a title. */
  bigrams: Map<string, number>;
  /** Three words side by side in a title, the first and last topic words. */
  trigrams: Map<string, number>;
  /** Capitals of an abstract: `EEG`, `LLMs`. */
  acronyms: Map<string, number>;
  /** Hyphenated names with digits or capitals: `GPT-4o`, `Qwen2.5-VL`. */
  modelNames: Map<string, number>;
  /** Lowercase hyphenated terms: `vision-language`, `zero-shot`. */
  hyphenated: Map<string, number>;
  /** Authors' last names. */
  surnames: Map<string, number>;
}

const ROMAN = /^[IVXLCDM]+$/;
const ACRONYM = /^[A-Z]{2,6}s?$/;
const HYPHENATED_NAME = /^[A-Za-z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)+$/;
const HYPHENATED_TERM = /^[a-z]{2,}(?:-[a-z]{2,})+$/;
const SURNAME = /^\p{Lu}[\p{Ll}'’-]{2,}$/u;

/** Counts each term once per paper. */
function countOnce(counts: Map<string, number>, terms: Iterable<string>): void {
  for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
}

function* titleTerms(title: string): Generator<['word' | 'bigram' | 'trigram', string]> {
  for (const run of wordRuns(title)) {
    const words = run.map((word) => word.toLowerCase());
    for (let at = 0; at < words.length; at += 1) {
      const [first, second, third] = [words[at]!, words[at + 1], words[at + 2]];
      if (isTopicWord(first)) yield ['word', first];
      if (second && isTopicWord(first) && isTopicWord(second)) yield ['bigram', `${first} ${second}`];
      if (second && third && isTopicWord(first) && /^[a-z]+$/.test(second) && isTopicWord(third))
        yield ['trigram', `${first} ${second} ${third}`];
    }
  }
}

const isModelName = (word: string) =>
  HYPHENATED_NAME.test(word) && (/\d/.test(word) || /[A-Z]{2}/.test(word)) && !/-[A-Z]?[a-z]+$/.test(word);

export function textStatistics(texts: readonly TextSource[]): TextStatistics {
  const stats: TextStatistics = {
    titleWords: new Map(),
    bigrams: new Map(),
    trigrams: new Map(),
    acronyms: new Map(),
    modelNames: new Map(),
    hyphenated: new Map(),
    surnames: new Map(),
  };
  for (const text of texts) {
    const found = { word: [] as string[], bigram: [] as string[], trigram: [] as string[] };
    for (const [kind, term] of titleTerms(text.title)) found[kind].push(term);
    countOnce(stats.titleWords, found.word);
    countOnce(stats.bigrams, found.bigram);
    countOnce(stats.trigrams, found.trigram);
    const words = `${text.title} ${text.abstract ?? ''}`.split(/\s+/).map(cleanWord);
    countOnce(
      stats.acronyms,
      words.filter((word) => ACRONYM.test(word) && !ROMAN.test(word) && !STOPWORDS.has(word.toLowerCase())),
    );
    countOnce(stats.modelNames, words.filter(isModelName));
    countOnce(
      stats.hyphenated,
      words.filter((word) => HYPHENATED_TERM.test(word)),
    );
    countOnce(
      stats.surnames,
      (text.authors ?? []).map((name) => name.split(/\s+/).at(-1) ?? '').filter((name) => SURNAME.test(name)),
    );
  }
  return stats;
}

/** The terms used by at least `min` papers, most used first (ties in alphabetical order, for a stable draw). */
export function ranked(counts: Map<string, number>, min = 1): string[] {
  const cached = rankings.get(counts)?.get(min);
  if (cached) return cached;
  const terms = [...counts]
    .filter(([, count]) => count >= min)
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .map(([term]) => term);
  rankings.set(counts, (rankings.get(counts) ?? new Map()).set(min, terms));
  return terms;
}

/** Rankings already sorted, by the counts they rank and their minimum (several shapes rank the same counts). */
const rankings = new WeakMap<Map<string, number>, Map<number, string[]>>();
