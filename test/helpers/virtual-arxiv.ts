import { type ArxivSource, createArxivSource } from '../../src/sources/arxiv.js';
import { createHttpClient } from '../../src/sources/http-client.js';

/**
 * The real arXiv source against a fake upstream, with the spacer on a virtual clock: its 3-s waits move the clock
 * instead of sleeping, so tests check the spacing without waiting for it. `clock.now` is in milliseconds.
 */
export function virtualArxiv(upstreamUrl: string): { arxiv: ArxivSource; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const arxiv = createArxivSource({
    apiUrl: `${upstreamUrl}/api`,
    rssUrl: `${upstreamUrl}/rss`,
    http: createHttpClient({ userAgent: 'paperboy-test', timeoutMs: 5000, maxRetries: 0 }),
    minIntervalMs: 3000,
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
  });
  return { arxiv, clock };
}
