import { describe, expect, it } from 'vitest';
import { answerInTime } from '../../../src/core/bot/answer-in-time.js';
import { concurrencyLimit } from '../../../src/core/concurrency-limit.js';

const resolvesAfter = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('answerInTime', () => {
  it('gives the answer that is ready within the budget', async () => {
    expect(await answerInTime({}, 1000)(resolvesAfter(5, 'answer'))).toBe('answer');
  });

  it('gives null once the budget is spent, leaving the work running', async () => {
    const work = resolvesAfter(200, 'late answer');
    expect(await answerInTime({}, 10)(work)).toBeNull();
    expect(await work).toBe('late answer');
  });

  it('does not wait at all when answers are already waiting for a slot', async () => {
    const answerLimit = concurrencyLimit(1);
    let release: () => void = () => {};
    const held = answerLimit(() => new Promise<void>((resolve) => (release = resolve)));
    const inTime = answerInTime<string>({ answerLimit }, 1000);
    expect(await inTime(Promise.resolve('ready at once'))).toBeNull();
    release();
    await held;
    expect(await answerInTime<string>({ answerLimit }, 1000)(Promise.resolve('ready'))).toBe('ready');
  });
});
