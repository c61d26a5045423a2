import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/core/backoff.js';
import { parseRetryAfter } from '../../src/sources/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7000],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2026 07:27:00 GMT', 0], // already past
  ])('reads %j as %d ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([[null], [undefined], [''], ['soon'], ['-5'], ['1.5'], ['12abc']])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const options = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it('doubles the ceiling each retry and draws uniformly below it', () => {
    const top = (retry: number) => backoffDelay(retry, { ...options, random: () => 0.999999 });
    expect([1, 2, 3, 4].map(top)).toEqual([499, 999, 1999, 3999]);
    expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(1000);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
  });

  it('never exceeds maxDelayMs', () => {
    expect(backoffDelay(30, { ...options, random: () => 0.999999 })).toBe(29_999);
  });
});
