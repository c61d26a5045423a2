import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RANKING,
  popularityOf,
  rankCandidates,
} from '../../../src/core/relevance/rank-candidates.js';
import { cosine, rawFeatures, termVectors } from '../../../src/core/relevance/term-vectors.js';
import { document, example } from './relevance-fixtures.js';

const robot = document('r1', ['robot', 'grasp'], ['robot', 'arm', 'grasp', 'object']);
const robot2 = document('r2', ['robot', 'rope'], ['robot', 'arm', 'rope', 'knot'], { upvotes: 2 });
const llm = document('l1', ['languag', 'model'], ['token', 'languag', 'reason'], { upvotes: 100 });
const llm2 = document('l2', ['languag', 'model', 'agent'], ['token', 'languag', 'agent'], { upvotes: 300 });
const other = document('o1', ['ocean', 'forecast'], ['ocean', 'weather'], { upvotes: 10 });
const input = (doc: ReturnType<typeof document>, matchesSubscription = false) => ({
  document: doc,
  matchesSubscription,
});

describe('term vectors', () => {
  it('weighs title words three times abstract words and adds categories', () => {
    const features = rawFeatures(
      document('x', ['robot'], ['robot', 'arm', '42', 'a'], { categories: ['cs.RO'] }),
    );
    expect(Object.fromEntries(features)).toEqual({ robot: 4, arm: 1, '#cs.RO': 3 });
  });

  it('gives unit vectors whose dot product is the cosine, 1 for the same document and 0 for disjoint ones', () => {
    const [a, b, c] = termVectors([robot, robot, other]);
    if (!a || !b || !c) throw new Error('three vectors expected');
    expect(cosine(a, b)).toBeCloseTo(1, 10);
    expect(cosine(a, c)).toBe(0);
  });
});

describe('popularityOf', () => {
  it('is log-scaled and capped at 1', () => {
    expect(popularityOf(null)).toBe(0);
    expect(popularityOf(9)).toBeCloseTo(1 / 3, 10);
    expect(popularityOf(99)).toBeCloseTo(2 / 3, 10);
    expect(popularityOf(5000)).toBe(1);
  });
});

describe('rankCandidates', () => {
  it('puts the papers most like the liked ones first, above more upvoted ones', () => {
    const ranked = rankCandidates(
      [input(llm), input(robot2), input(llm2), input(other)],
      [example(robot, 1.5, 1)],
    );
    expect(ranked.map((entry) => entry.index)).toEqual([1, 2, 0, 3]);
    expect(ranked[0]?.nearest?.example).toBe(0);
    expect(ranked[0]?.nearest?.similarity).toBeGreaterThan(0.3);
    // l2 (300 upvotes) shares nothing with the liked paper: it has no nearest example.
    expect(ranked[1]?.nearest).toBeNull();
  });

  it('scores by the standardised profile plus the popularity', () => {
    const ranked = rankCandidates([input(robot2), input(other)], [example(robot, 1)]);
    // Two candidates: z-scores are +1 and -1; popularity adds log10(1 + upvotes) / 3.
    expect(ranked.map((entry) => [entry.index, Number(entry.score.toFixed(4))])).toEqual([
      [0, 1.159],
      [1, -0.6529],
    ]);
    expect(popularityOf(2)).toBeCloseTo(0.159, 3);
  });

  it('ranks by upvotes when the profile tells the candidates nothing apart', () => {
    const ranked = rankCandidates([input(llm), input(llm2), input(robot2)], [example(other, 1)]);
    expect(ranked.map((entry) => entry.index)).toEqual([1, 0, 2]);
  });

  it('sinks a near-duplicate of a disliked paper below everything else', () => {
    const copy = document('l3', ['languag', 'model'], ['token', 'languag', 'reason'], { upvotes: 5000 });
    const ranked = rankCandidates(
      [input(copy), input(other), input(robot2)],
      [example(robot, 1, 0, 1), example(llm, -1)],
    );
    expect(ranked.at(-1)?.index).toBe(0);
    expect(ranked.at(-1)?.score).toBeLessThan(-DEFAULT_RANKING.dislikedPenalty + 2);
  });

  it('lifts a paper that matches a subscription a little', () => {
    const same = document('o2', ['ocean', 'forecast'], ['ocean', 'weather'], { upvotes: 10 });
    const ranked = rankCandidates([input(other), input(same, true)], [example(robot, 1)]);
    expect(ranked.map((entry) => entry.index)).toEqual([1, 0]);
    expect((ranked[0]?.score ?? 0) - (ranked[1]?.score ?? 0)).toBeCloseTo(
      DEFAULT_RANKING.subscriptionBonus,
      10,
    );
  });

  it('is deterministic: ties go to more upvotes, then the smaller id', () => {
    const a = document('b', ['x'], [], { upvotes: 1 });
    const b = document('a', ['x'], [], { upvotes: 1 });
    const ranked = rankCandidates([input(a), input(b)], []);
    expect(ranked.map((entry) => entry.index)).toEqual([1, 0]);
  });

  it('with the logistic model learns liked words against disliked ones', () => {
    const ranked = rankCandidates(
      [input(llm2), input(other), input(robot2)],
      [example(robot, 1.5, 1), example(llm, -1)],
      { ...DEFAULT_RANKING, method: 'linear' },
    );
    expect(ranked.map((entry) => entry.index)).toEqual([2, 1, 0]);
  });

  it('with the centroid method weighs every example by its votes', () => {
    const ranked = rankCandidates([input(llm2), input(robot2)], [example(robot, 1), example(llm, -1)], {
      ...DEFAULT_RANKING,
      method: 'centroid',
    });
    expect(ranked.map((entry) => entry.index)).toEqual([1, 0]);
  });
});
