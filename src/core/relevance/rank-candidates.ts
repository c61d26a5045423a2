import type { ProfileExample } from './channel-profile.js';
import type { PaperDocument } from './paper-document.js';
import { similarities, type TermVector, termVectors } from './term-vectors.js';

/**
 * How the profile scores a candidate. `knn`: the mean similarity to its `neighbours` most similar liked papers
 * minus the same for disliked ones (each similarity times the example's weight); `centroid`: the weighted mean
 * similarity to every example; `linear`: a logistic model over the term vectors (liked papers against disliked
 * ones, the other candidates as weak negatives, as arxiv-sanity's per-tag SVM does). The profile score is standardised over the candidates, then `popularity` times
 * `log10(1 + upvotes) / 3` (capped at 1) is added, `subscriptionBonus` for a paper matching one of the channel's
 * terms, and `dislikedPenalty` taken off a near-duplicate (cosine >= `nearDuplicate`) of a disliked paper.
 */
export interface RankingOptions {
  method: 'knn' | 'centroid' | 'linear';
  neighbours: number;
  popularity: number;
  subscriptionBonus: number;
  nearDuplicate: number;
  dislikedPenalty: number;
}

/** Chosen by `BENCH_ONLY=relevance npm run bench` (see the README's "How ranking learns"). */
export const DEFAULT_RANKING: RankingOptions = {
  method: 'knn',
  neighbours: 10,
  popularity: 1,
  subscriptionBonus: 0.5,
  nearDuplicate: 0.5,
  dislikedPenalty: 5,
};

/** A paper that could go into the digest: its document and whether one of the channel's terms matches it. */
export interface RankingInput {
  document: PaperDocument;
  matchesSubscription: boolean;
}

/** A candidate's score, and the liked paper it is most like (the digest's "because"). */
export interface RankedCandidate {
  /** Position in the candidates given. */
  index: number;
  score: number;
  /** The liked example most similar to it, and how similar (cosine); null when it shares nothing with one. */
  nearest: { example: number; similarity: number } | null;
}

/** `log10(1 + upvotes) / 3`, at most 1: 0 for none, 0.33 for 9, 0.67 for 99, 1 from 999. */
export const popularityOf = (upvotes: number | null): number =>
  Math.min(1, Math.log10(1 + Math.max(0, upvotes ?? 0)) / 3);

/**
 * The candidates, best first (ties: more upvotes, then smaller id), scored against the channel's voted papers.
 * Pure and deterministic: the same candidates and examples give the same order.
 *
 * @example
 * rankCandidates(candidates, examples)[0]; // { index: 4, score: 2.31, nearest: { example: 0, similarity: 0.41 } }
 */
export function rankCandidates(
  candidates: readonly RankingInput[],
  examples: readonly ProfileExample[],
  options: RankingOptions = DEFAULT_RANKING,
): RankedCandidate[] {
  const vectors = termVectors([
    ...candidates.map((candidate) => candidate.document),
    ...examples.map((example) => example.document),
  ]);
  const candidateVectors = vectors.slice(0, candidates.length);
  const similarity = similarities(candidateVectors, vectors.slice(candidates.length));
  const profile = standardise(
    options.method === 'linear'
      ? linearScores(candidateVectors, vectors.slice(candidates.length), examples)
      : similarity.map((row) => profileScore(row, examples, options)),
  );

  const ranked = candidates.map((candidate, index): RankedCandidate => {
    const row = similarity[index] ?? new Float64Array();
    let nearest: RankedCandidate['nearest'] = null;
    let nearDisliked = false;
    for (const [position, example] of examples.entries()) {
      const value = row[position] ?? 0;
      if (example.weight < 0 && value >= options.nearDuplicate) nearDisliked = true;
      if (example.weight > 0 && value > (nearest?.similarity ?? 0))
        nearest = { example: position, similarity: value };
    }
    const score =
      (profile[index] ?? 0) +
      options.popularity * popularityOf(candidate.document.upvotes) +
      (candidate.matchesSubscription ? options.subscriptionBonus : 0) -
      (nearDisliked ? options.dislikedPenalty : 0);
    return { index, score, nearest };
  });
  return ranked.sort((a, b) => {
    const x = candidates[a.index]?.document;
    const y = candidates[b.index]?.document;
    return (
      b.score - a.score || (y?.upvotes ?? 0) - (x?.upvotes ?? 0) || (x?.id ?? '').localeCompare(y?.id ?? '')
    );
  });
}

function profileScore(
  row: Float64Array,
  examples: readonly ProfileExample[],
  options: RankingOptions,
): number {
  if (options.method === 'centroid') {
    let sum = 0;
    let total = 0;
    examples.forEach((example, position) => {
      sum += example.weight * (row[position] ?? 0);
      total += Math.abs(example.weight);
    });
    return total > 0 ? sum / total : 0;
  }
  const liked: number[] = [];
  const disliked: number[] = [];
  examples.forEach((example, position) => {
    const value = (row[position] ?? 0) * Math.abs(example.weight);
    if (example.weight > 0) liked.push(value);
    else if (example.weight < 0) disliked.push(value);
  });
  return meanOfLargest(liked, options.neighbours) - meanOfLargest(disliked, options.neighbours);
}

/** The mean of the `count` largest values, kept in a small sorted list rather than sorting them all. */
function meanOfLargest(values: readonly number[], count: number): number {
  if (values.length === 0) return 0;
  const largest: number[] = [];
  for (const value of values) {
    if (largest.length === count && value <= (largest[count - 1] ?? 0)) continue;
    let at = largest.length;
    while (at > 0 && (largest[at - 1] ?? 0) < value) at -= 1;
    largest.splice(at, 0, value);
    if (largest.length > count) largest.pop();
  }
  return largest.reduce((sum, value) => sum + value, 0) / largest.length;
}

/** (value - mean) / standard deviation; all zero when the values do not differ. */
function standardise(values: number[]): number[] {
  if (values.length === 0) return values;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const spread = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
  return spread > 1e-12 ? values.map((value) => (value - mean) / spread) : values.map(() => 0);
}

/** Weight of a candidate as an unlabelled negative, and the logistic model's training settings. */
const UNLABELLED_WEIGHT = 0.05;
const EPOCHS = 15;
const LEARNING_RATE = 1;
const DECAY = 0.001;

/** A logistic model trained by plain stochastic gradient descent, in a fixed order (deterministic). */
function linearScores(
  candidates: readonly TermVector[],
  exampleVectors: readonly TermVector[],
  examples: readonly ProfileExample[],
): number[] {
  const training = [
    ...examples.map((example, index) => ({
      vector: exampleVectors[index] as TermVector,
      label: example.weight > 0 ? 1 : 0,
      weight: Math.abs(example.weight),
    })),
    ...candidates.map((vector) => ({ vector, label: 0, weight: UNLABELLED_WEIGHT })),
  ];
  const positive = training.reduce((sum, entry) => sum + entry.label * entry.weight, 0);
  if (positive === 0) return candidates.map(() => 0);
  const negative = training.reduce((sum, entry) => sum + (1 - entry.label) * entry.weight, 0);
  const balance = negative / positive;
  let dimensions = 0;
  for (const entry of training) dimensions = Math.max(dimensions, (entry.vector.features.at(-1) ?? -1) + 1);
  const weights = new Float64Array(dimensions);
  let bias = 0;
  const dot = (vector: TermVector) => {
    let sum = bias;
    vector.features.forEach((feature, position) => {
      sum += (weights[feature] ?? 0) * (vector.values[position] ?? 0);
    });
    return sum;
  };
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    for (const { vector, label, weight } of training) {
      const predicted = 1 / (1 + Math.exp(-dot(vector)));
      const gradient = (predicted - label) * weight * (label === 1 ? balance : 1);
      vector.features.forEach((feature, position) => {
        weights[feature] =
          (weights[feature] ?? 0) * (1 - LEARNING_RATE * DECAY) -
          LEARNING_RATE * gradient * (vector.values[position] ?? 0);
      });
      bias -= LEARNING_RATE * gradient * 0.1;
    }
  }
  return candidates.map(dot);
}
