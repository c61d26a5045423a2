import { backoffDelay } from '../core/backoff.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { parseRetryAfter } from './retry-after.js';
import { defaultSleep } from './sleep.js';
import {
  HttpStatusError,
  type SourceError,
  SourceNetworkError,
  SourceRateLimitedError,
  SourceTimeoutError,
} from './source-errors.js';

/** A successful (2xx) answer, body read in full. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** Runs one attempt, e.g. through a request spacer; the default just calls it. */
export type AttemptScheduler = <T>(attempt: () => Promise<T>) => Promise<T>;

/** Per-request options. */
export interface GetTextOptions {
  /** The `Accept` header, e.g. `application/json`. */
  accept?: string;
  /**
   * Wraps every attempt, retries included. arXiv passes its request spacer here so that a retry also waits its
   * turn (one request every 3 s).
   */
  schedule?: AttemptScheduler;
}

/**
 * GETs text over HTTP with timeouts and retries. Only 2xx comes back; everything else is a typed `SourceError`.
 *
 * @example
 * const http = createHttpClient({ userAgent: 'paperboy/0.1 (+https://example.org)', timeoutMs: 20_000, maxRetries: 3 });
 * const { body } = await http.getText('https://huggingface.co/api/daily_papers?date=2026-06-12', { accept: 'application/json' });
 */
export interface HttpClient {
  getText(url: string, options?: GetTextOptions): Promise<HttpResponse>;
}

/** How the client behaves; `sleep`, `random` and `now` are there so tests never wait for real. */
export interface HttpClientOptions {
  /** Sent as `User-Agent` on every request; upstreams ask for a way to contact the operator. */
  userAgent: string;
  /** Per attempt, covering the connection and reading the whole body. */
  timeoutMs: number;
  /** Retries after the first attempt; 0 means one attempt only. */
  maxRetries: number;
  /** Backoff base (default 500 ms): retry n waits up to `baseDelayMs * 2^(n-1)`. */
  baseDelayMs?: number;
  /** Backoff cap, and the longest `Retry-After` we accept (default 30 s); a longer one gives up. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: Logger;
}

/** What one attempt came to when it did not succeed but may be retried. */
interface RetryableFailure {
  /** What the server asked for (Retry-After), if it did. */
  retryAfterMs?: number;
  reason: string;
  /** The error to throw if this was the last attempt. */
  fail: (attempts: number) => SourceError;
}

type AttemptResult = { ok: true; response: HttpResponse } | ({ ok: false } & RetryableFailure);

const runNow: AttemptScheduler = (attempt) => attempt();

export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const log = options.logger ?? silentLogger;
  const maxAttempts = Math.max(0, options.maxRetries) + 1;

  const attemptOnce = async (
    url: string,
    accept: string | undefined,
    attempt: number,
  ): Promise<AttemptResult> => {
    const headers: Record<string, string> = { 'User-Agent': options.userAgent };
    if (accept) headers.Accept = accept;
    const signal = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { headers, signal });
      if (response.ok) {
        const body = await response.text();
        return { ok: true, response: { status: response.status, headers: response.headers, body } };
      }
    } catch (error) {
      return { ok: false, ...transportFailure(url, options.timeoutMs, error) };
    }
    const { status } = response;
    const body = await response.text().catch(() => '');
    const retryAfterMs =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers.get('retry-after'), now())
        : undefined;
    if (status === 429) {
      return {
        ok: false,
        retryAfterMs,
        reason: 'HTTP 429',
        fail: (attempts) => new SourceRateLimitedError(url, retryAfterMs, attempts),
      };
    }
    if (status >= 500) {
      return {
        ok: false,
        retryAfterMs,
        reason: `HTTP ${status}`,
        fail: (attempts) => new HttpStatusError(status, url, { attempts, body }),
      };
    }
    throw new HttpStatusError(status, url, { attempts: attempt, body });
  };

  return {
    async getText(url, getOptions = {}) {
      const schedule = getOptions.schedule ?? runNow;
      for (let attempt = 1; ; attempt++) {
        const result = await schedule(() => attemptOnce(url, getOptions.accept, attempt));
        if (result.ok) return result.response;
        if (attempt >= maxAttempts) throw result.fail(attempt);
        if (result.retryAfterMs !== undefined && result.retryAfterMs > maxDelayMs) {
          throw new SourceRateLimitedError(url, result.retryAfterMs, attempt);
        }
        const waitMs = result.retryAfterMs ?? backoffDelay(attempt, { baseDelayMs, maxDelayMs, random });
        log.warn('request failed, retrying', {
          url,
          attempt,
          of: maxAttempts,
          reason: result.reason,
          waitMs,
        });
        await sleep(waitMs);
      }
    },
  };
};

/** A fetch that threw: our own timeout, or the connection failing. Both are worth another try. */
const transportFailure = (url: string, timeoutMs: number, error: unknown): RetryableFailure => {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return {
      reason: `timeout after ${timeoutMs} ms`,
      fail: (attempts) => new SourceTimeoutError(url, timeoutMs, attempts, { cause: error }),
    };
  }
  return {
    reason: error instanceof Error ? error.message : String(error),
    fail: (attempts) => new SourceNetworkError(url, attempts, { cause: error }),
  };
};
