import { describe, expect, it } from 'vitest';
import {
  PermanentDeliveryError,
  PostAbortedError,
  RateLimitedError,
} from '../../src/core/delivery/poster.js';
import { CodedError, hasErrorCode } from '../../src/core/errors.js';
import { DatabaseUnavailableError, DataDirectoryInUseError } from '../../src/db/database-errors.js';
import {
  HttpStatusError,
  MalformedPayloadError,
  SourceError,
  SourceNetworkError,
  SourceRateLimitedError,
  SourceTimeoutError,
} from '../../src/sources/source-errors.js';

const cause = new Error('the cause');
const every: CodedError[] = [
  new SourceError('arXiv rejected the query', { cause }),
  new MalformedPayloadError('a JSON array', '<html>', { cause }),
  new HttpStatusError(404, 'https://example.org', { cause }),
  new SourceTimeoutError('https://example.org', 100, 2, { cause }),
  new SourceNetworkError('https://example.org', 2, { cause }),
  new SourceRateLimitedError('https://example.org', 60_000, 1, { cause }),
  new RateLimitedError(30_000),
  new PermanentDeliveryError('channel_not_found', { cause }),
  new PostAbortedError(),
  new DatabaseUnavailableError('the database is unreachable', { cause }),
  new DataDirectoryInUseError('/data/pgdata', { pid: 7, host: 'h', since: '2026-06-13T09:00:00Z' }),
];

describe('infrastructure errors', () => {
  it('share one coded base, each with its class name as its name', () => {
    for (const error of every) {
      expect(error).toBeInstanceOf(CodedError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
    }
  });

  it('have distinct names and distinct codes', () => {
    const names = every.map((error) => error.name);
    expect(new Set(names).size).toBe(names.length);
    // MalformedPayloadError's code is its own; SourceError's plain one is "source".
    const codes = every.map((error) => error.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((code) => /rate/i.test(code))).toEqual(['rateLimited', 'deliveryRateLimited']);
  });

  it('keep their cause, and can be told apart by code without instanceof', () => {
    expect(new PermanentDeliveryError('is_archived', { cause }).cause).toBe(cause);
    expect(hasErrorCode(new RateLimitedError(1000), 'deliveryRateLimited')).toBe(true);
    expect(hasErrorCode(new RateLimitedError(1000), 'rateLimited')).toBe(false);
    expect(hasErrorCode(new Error('plain'), 'deliveryRateLimited')).toBe(false);
  });
});
