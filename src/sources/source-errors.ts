import { CodedError } from '../core/errors.js';

/** Identifies each kind of source failure, so callers can branch on `error.code` without `instanceof`. */
export const SourceErrorCode = {
  Source: 'source',
  QueryRejected: 'queryRejected',
  MalformedPayload: 'malformedPayload',
  HttpStatus: 'httpStatus',
  Timeout: 'timeout',
  RateLimited: 'rateLimited',
  Network: 'network',
} as const;
export type SourceErrorCode = (typeof SourceErrorCode)[keyof typeof SourceErrorCode];

/** Options shared by every source error. */
export interface SourceErrorOptions {
  cause?: unknown;
  code?: SourceErrorCode;
}

/** How many characters of an unexpected body an error message shows. */
const SNIPPET_LENGTH = 80;

/** The first characters of a body, on one line, for an error message. */
export const bodySnippet = (body: string, length = SNIPPET_LENGTH): string => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
};

/** Any failure talking to a paper source (Hugging Face, arXiv). */
export class SourceError extends CodedError<SourceErrorCode> {
  constructor(message: string, options: SourceErrorOptions = {}) {
    super(options.code ?? SourceErrorCode.Source, message, { cause: options.cause });
  }
}

/** The body was not what the source speaks, e.g. an HTML error page where JSON or Atom was expected. */
export class MalformedPayloadError extends SourceError {
  /** What the body should have been, e.g. `a JSON array`. */
  readonly expected: string;
  readonly snippet: string;

  constructor(expected: string, body: string, options: { cause?: unknown; detail?: string } = {}) {
    const snippet = bodySnippet(body);
    const detail = options.detail ? ` (${options.detail})` : '';
    super(`Expected ${expected}${detail}, but the body starts with: "${snippet}"`, {
      cause: options.cause,
      code: SourceErrorCode.MalformedPayload,
    });
    this.expected = expected;
    this.snippet = snippet;
  }
}

/** The server answered with a status we do not retry (most 4xx), or kept failing until the retries ran out. */
export class HttpStatusError extends SourceError {
  readonly status: number;
  readonly url: string;
  /** How many requests were made before giving up. */
  readonly attempts: number;
  /** The start of the response body (at most 2,000 characters), for diagnostics. */
  readonly body: string;

  constructor(
    status: number,
    url: string,
    options: { attempts?: number; body?: string; cause?: unknown } = {},
  ) {
    const attempts = options.attempts ?? 1;
    const body = (options.body ?? '').slice(0, 2000);
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const said = body ? `: "${bodySnippet(body)}"` : '';
    super(`GET ${url} failed${tries} with HTTP ${status}${said}`, {
      cause: options.cause,
      code: SourceErrorCode.HttpStatus,
    });
    this.status = status;
    this.url = url;
    this.attempts = attempts;
    this.body = body;
  }
}

/** No complete answer arrived within the per-attempt timeout, on every attempt. */
export class SourceTimeoutError extends SourceError {
  readonly url: string;
  readonly timeoutMs: number;
  readonly attempts: number;

  constructor(url: string, timeoutMs: number, attempts: number, options: { cause?: unknown } = {}) {
    super(`GET ${url} timed out after ${timeoutMs} ms on each of ${attempts} attempt(s)`, {
      cause: options.cause,
      code: SourceErrorCode.Timeout,
    });
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
  }
}

/** The connection failed (refused, reset, DNS) on every attempt. */
export class SourceNetworkError extends SourceError {
  readonly url: string;
  readonly attempts: number;

  constructor(url: string, attempts: number, options: { cause?: unknown } = {}) {
    const reason = options.cause instanceof Error ? `: ${causeMessage(options.cause)}` : '';
    super(`GET ${url} failed on each of ${attempts} attempt(s)${reason}`, {
      cause: options.cause,
      code: SourceErrorCode.Network,
    });
    this.url = url;
    this.attempts = attempts;
  }
}

/**
 * The server said 429 (or 503 with Retry-After) and would not take us back soon enough, or at all. (Not the
 * delivery worker's `RateLimitedError`, which a chat platform's limit raises.)
 */
export class SourceRateLimitedError extends SourceError {
  readonly url: string;
  /** How long the server asked us to wait, when it said so. */
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;

  constructor(
    url: string,
    retryAfterMs: number | undefined,
    attempts: number,
    options: { cause?: unknown } = {},
  ) {
    const wait = retryAfterMs === undefined ? '' : ` (it asked to wait ${Math.ceil(retryAfterMs / 1000)} s)`;
    super(`GET ${url} was rate limited${wait}; gave up after ${attempts} attempt(s)`, {
      cause: options.cause,
      code: SourceErrorCode.RateLimited,
    });
    this.url = url;
    this.retryAfterMs = retryAfterMs;
    this.attempts = attempts;
  }
}

/** undici hides the real reason (ECONNREFUSED, ...) in `cause`: show it. */
const causeMessage = (error: Error): string => {
  const inner = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${inner}`;
};
