import { seededRandom } from './synthetic-papers.js';

/**
 * When each command of a Poisson stream at `perSecond` is due, in ms from the start, over `seconds`:
 * exponential gaps drawn from a seeded generator, so every run sends the same schedule.
 *
 * @example
 * poissonArrivals(100, 30, 100).length; // about 3000, the same on every run
 */
export function poissonArrivals(perSecond: number, seconds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const due: number[] = [];
  let at = 0;
  for (;;) {
    at += (-Math.log(1 - random()) / perSecond) * 1000;
    if (at >= seconds * 1000) return due;
    due.push(at);
  }
}
