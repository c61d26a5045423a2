import { DOCUMENT_FIELDS, type DocumentField, type PaperDocument } from './paper-document.js';

/**
 * How much an occurrence counts per field. A title word says more about a paper than an abstract word; AI keywords
 * sit between; author names are features of their own (`@name`), so a team that follows a group is noticed.
 */
export const FIELD_WEIGHTS: Readonly<Record<DocumentField, number>> = {
  title: 3,
  keywords: 2,
  authors: 1,
  abstract: 1,
};
/** A category (`#cs.RO`) weighs as much as a word that occurs this often in the abstract. */
export const CATEGORY_WEIGHT = 3;

/** Numbers, percentages and single characters carry no topic. */
const NOT_A_TOPIC = /^[\d.,%+-]+$/u;
const isTopic = (word: string): boolean => word.length > 1 && !NOT_A_TOPIC.test(word);

/**
 * A document's features before weighting by rarity: words, `@author` parts and `#category`, with their weight.
 *
 * @example
 * rawFeatures(helix); // Map { 'spars' => 4, 'attent' => 6, '@marrow' => 1, '#cs.LG' => 3, ... }
 */
export function rawFeatures(document: PaperDocument): Map<string, number> {
  const features = wordFeatures(document.words);
  for (const category of document.categories) features.set(`#${category}`, CATEGORY_WEIGHT);
  return features;
}

function wordFeatures(words: PaperDocument['words']): Map<string, number> {
  const features = new Map<string, number>();
  for (const field of DOCUMENT_FIELDS) {
    const weight = FIELD_WEIGHTS[field];
    for (const [word, count] of words[field]) {
      if (!isTopic(word)) continue;
      const feature = field === 'authors' ? `@${word}` : word;
      features.set(feature, (features.get(feature) ?? 0) + weight * count);
    }
  }
  return features;
}

/** A vector of length 1 over numbered features (in no particular order). */
export interface TermVector {
  features: Int32Array;
  values: Float64Array;
}

/**
 * Features are numbered once per process, and each paper's numbered features kept with its words (which the
 * store shares across digests), so a digest tick works out a paper's features once, not once per channel. The
 * numbering starts again when it grows past this many features (the papers' lists are then numbered again).
 */
const MAX_NUMBERED_FEATURES = 500_000;
let featureNumbers = new Map<string, number>();
let numbering = 0;

interface NumberedFeatures {
  numbering: number;
  features: Int32Array;
  /** `log(1 + weight)` of each feature. */
  logWeights: Float64Array;
}

const NUMBERED_WORDS = new WeakMap<PaperDocument['words'], NumberedFeatures>();

function numberOf(feature: string): number {
  let number = featureNumbers.get(feature);
  if (number === undefined) {
    number = featureNumbers.size;
    featureNumbers.set(feature, number);
  }
  return number;
}

function numbered(features: ReadonlyMap<string, number>): NumberedFeatures {
  return {
    numbering,
    features: Int32Array.from(features.keys(), (feature) => numberOf(feature)),
    logWeights: Float64Array.from(features.values(), (weight) => Math.log1p(weight)),
  };
}

/** `rawFeatures(document)`, numbered, with the word part kept per words object. */
function numberedFeatures(document: PaperDocument): NumberedFeatures {
  let words = NUMBERED_WORDS.get(document.words);
  if (!words || words.numbering !== numbering) {
    words = numbered(wordFeatures(document.words));
    NUMBERED_WORDS.set(document.words, words);
  }
  if (document.categories.length === 0) return words;
  const categories = numbered(
    new Map(document.categories.map((category) => [`#${category}`, CATEGORY_WEIGHT])),
  );
  const features = new Int32Array(words.features.length + categories.features.length);
  features.set(words.features);
  features.set(categories.features, words.features.length);
  const logWeights = new Float64Array(features.length);
  logWeights.set(words.logWeights);
  logWeights.set(categories.logWeights, words.features.length);
  return { numbering, features, logWeights };
}

/** How many of the documents have each feature, by feature number; reused between calls and left all zero. */
let documentFrequency = new Int32Array(0);

/**
 * Term vectors of a set of documents (their `rawFeatures`), compared among themselves: each feature weighs
 * `log(1 + weight)` times its rarity in the set (`log((n + 1) / (df + 1)) + 1`), so common words ("model",
 * "method") count little and a rare shared word a lot; each vector has length 1, so the dot product of two is
 * their cosine similarity.
 *
 * @example
 * const vectors = termVectors([a, b]);
 * cosine(vectors[0], vectors[1]); // 0.42
 */
export function termVectors(documents: readonly PaperDocument[]): TermVector[] {
  if (featureNumbers.size > MAX_NUMBERED_FEATURES) {
    featureNumbers = new Map();
    numbering += 1;
  }
  const lists = documents.map(numberedFeatures);
  if (documentFrequency.length < featureNumbers.size)
    documentFrequency = new Int32Array(Math.max(featureNumbers.size, 2 * documentFrequency.length));
  const frequency = documentFrequency;
  for (const { features } of lists)
    for (const feature of features) frequency[feature] = (frequency[feature] ?? 0) + 1;
  const count = documents.length;
  const vectors = lists.map(({ features, logWeights }): TermVector => {
    const values = new Float64Array(features.length);
    let length = 0;
    for (let index = 0; index < features.length; index += 1) {
      const rarity = Math.log((count + 1) / ((frequency[features[index] ?? 0] ?? 0) + 1)) + 1;
      const value = (logWeights[index] ?? 0) * rarity;
      values[index] = value;
      length += value * value;
    }
    const scale = length > 0 ? 1 / Math.sqrt(length) : 0;
    for (let index = 0; index < values.length; index += 1) values[index] = (values[index] ?? 0) * scale;
    return { features, values };
  });
  for (const { features } of lists) for (const feature of features) frequency[feature] = 0;
  return vectors;
}

/** The cosine similarity of two term vectors of the same set. */
export function cosine(a: TermVector, b: TermVector): number {
  const values = new Map<number, number>();
  a.features.forEach((feature, index) => {
    values.set(feature, a.values[index] ?? 0);
  });
  let sum = 0;
  b.features.forEach((feature, index) => {
    sum += (values.get(feature) ?? 0) * (b.values[index] ?? 0);
  });
  return sum;
}

/**
 * The cosine similarity of every vector to each of `examples`, through an index of the examples' features: the
 * work grows with the features candidates share with examples, not with candidates times examples.
 */
export function similarities(
  vectors: readonly TermVector[],
  examples: readonly TermVector[],
): Float64Array[] {
  const postings = new Map<number, number[]>();
  examples.forEach((example, index) => {
    example.features.forEach((feature, position) => {
      const list = postings.get(feature);
      const entry = [index, example.values[position] ?? 0];
      if (list) list.push(...entry);
      else postings.set(feature, entry);
    });
  });
  return vectors.map((vector) => {
    const sums = new Float64Array(examples.length);
    vector.features.forEach((feature, position) => {
      const list = postings.get(feature);
      if (!list) return;
      const value = vector.values[position] ?? 0;
      for (let index = 0; index < list.length; index += 2)
        sums[list[index] ?? 0] = (sums[list[index] ?? 0] ?? 0) + value * (list[index + 1] ?? 0);
    });
    return sums;
  });
}
