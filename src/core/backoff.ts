/** How long to wait before retry number `retry` (1 for the first retry). */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1); `Math.random` unless a test pins it. */
  random: () => number;
}

/**
 * Exponential backoff with full jitter: a uniform wait between 0 and `min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
 *
 * @example
 * backoffDelay(3, { baseDelayMs: 500, maxDelayMs: 30_000, random: () => 0.5 }); // 1000
 */
export const backoffDelay = (retry: number, options: BackoffOptions): number => {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(options.random() * ceiling);
};
