import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../src/sources/http-client.js';
import {
  HttpStatusError,
  SourceNetworkError,
  SourceRateLimitedError,
  SourceTimeoutError,
} from '../../src/sources/source-errors.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

const USER_AGENT = 'paperboy-test/0.0 (mailto:ops@example.org)';

let upstream: FakeUpstream;
let sleeps: number[];

beforeEach(async () => {
  upstream = await startFakeUpstream();
  sleeps = [];
});
afterEach(async () => {
  await upstream.close();
});

const client = (overrides: Partial<HttpClientOptions> = {}) =>
  createHttpClient({
    userAgent: USER_AGENT,
    timeoutMs: 2000,
    maxRetries: 2,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });

const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
};

describe('createHttpClient against a local server', () => {
  it('returns status, headers and body of a 2xx, sending User-Agent and Accept', async () => {
    upstream.script('/ok', [
      { headers: { 'content-type': 'application/json', 'x-extra': 'yes' }, body: '[1]' },
    ]);
    const response = await client().getText(`${upstream.url}/ok?a=1`, { accept: 'application/json' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('[1]');
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(upstream.requests[0]?.headers.accept).toBe('application/json');
    expect(upstream.requests[0]?.query).toEqual({ a: '1' });
    expect(sleeps).toEqual([]);
  });

  it('retries a 500 after an exponential, jittered backoff', async () => {
    upstream.script('/flaky', [{ status: 500 }, { status: 502 }, { body: 'finally' }]);
    const response = await client().getText(`${upstream.url}/flaky`);
    expect(response.body).toBe('finally');
    expect(upstream.requestsTo('/flaky')).toHaveLength(3);
    // random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(sleeps).toEqual([250, 500]);
    expect(upstream.requests.every((request) => request.headers['user-agent'] === USER_AGENT)).toBe(true);
  });

  it('waits exactly what a 429 Retry-After asks, in milliseconds', async () => {
    upstream.script('/limited', [{ status: 429, headers: { 'retry-after': '7' } }, { body: 'ok' }]);
    expect((await client().getText(`${upstream.url}/limited`)).body).toBe('ok');
    expect(sleeps).toEqual([7000]);
    expect(upstream.requestsTo('/limited')).toHaveLength(2);
  });

  it('honours an HTTP-date Retry-After on a 503', async () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    upstream.script('/busy', [
      { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' } },
      { body: 'ok' },
    ]);
    expect((await client({ now: () => now }).getText(`${upstream.url}/busy`)).body).toBe('ok');
    expect(sleeps).toEqual([5000]);
  });

  it('gives up at once with SourceRateLimitedError when Retry-After exceeds maxDelayMs', async () => {
    upstream.script('/limited', [{ status: 429, headers: { 'retry-after': '120' } }, { body: 'never' }]);
    const error = await failure(client({ maxDelayMs: 30_000 }).getText(`${upstream.url}/limited`));
    expect(error).toBeInstanceOf(SourceRateLimitedError);
    expect((error as SourceRateLimitedError).retryAfterMs).toBe(120_000);
    expect((error as SourceRateLimitedError).attempts).toBe(1);
    expect(upstream.requestsTo('/limited')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('throws SourceRateLimitedError after the last retry when 429 persists', async () => {
    upstream.script('/limited', [{ status: 429, headers: { 'retry-after': '1' } }]);
    const error = await failure(client({ maxRetries: 2 }).getText(`${upstream.url}/limited`));
    expect(error).toBeInstanceOf(SourceRateLimitedError);
    expect((error as SourceRateLimitedError).attempts).toBe(3);
    expect((error as Error).message).toContain('after 3 attempt(s)');
    expect(upstream.requestsTo('/limited')).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('does not retry a 404', async () => {
    upstream.script('/missing', [{ status: 404, body: '{"error":"Not Found"}' }, { body: 'never' }]);
    const error = await failure(client().getText(`${upstream.url}/missing`));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(404);
    expect((error as HttpStatusError).url).toBe(`${upstream.url}/missing`);
    expect((error as HttpStatusError).body).toBe('{"error":"Not Found"}');
    expect(upstream.requestsTo('/missing')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('throws HttpStatusError naming the attempts when a 5xx persists', async () => {
    upstream.script('/down', [{ status: 500, body: 'Internal Server Error' }]);
    const error = await failure(client({ maxRetries: 2 }).getText(`${upstream.url}/down`));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).attempts).toBe(3);
    expect((error as Error).message).toBe(
      `GET ${upstream.url}/down failed after 3 attempts with HTTP 500: "Internal Server Error"`,
    );
    expect(upstream.requestsTo('/down')).toHaveLength(3);
  });

  it('retries a response slower than the timeout, then fails with SourceTimeoutError', async () => {
    upstream.script('/slow', [{ delayMs: 10_000, body: 'too late' }]);
    const error = await failure(client({ timeoutMs: 200, maxRetries: 1 }).getText(`${upstream.url}/slow`));
    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect((error as SourceTimeoutError).attempts).toBe(2);
    expect((error as SourceTimeoutError).timeoutMs).toBe(200);
    expect(upstream.requestsTo('/slow')).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('recovers when only the first response is too slow', async () => {
    upstream.script('/slow-once', [{ delayMs: 10_000 }, { body: 'quick' }]);
    const response = await client({ timeoutMs: 200 }).getText(`${upstream.url}/slow-once`);
    expect(response.body).toBe('quick');
    expect(upstream.requestsTo('/slow-once')).toHaveLength(2);
  });

  it('retries a refused connection, then fails with SourceNetworkError', async () => {
    const closed = await startFakeUpstream();
    await closed.close();
    const error = await failure(client({ maxRetries: 1 }).getText(`${closed.url}/nothing`));
    expect(error).toBeInstanceOf(SourceNetworkError);
    expect((error as SourceNetworkError).attempts).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('runs every attempt through the given scheduler', async () => {
    upstream.script('/flaky', [{ status: 500 }, { body: 'ok' }]);
    let scheduled = 0;
    await client().getText(`${upstream.url}/flaky`, {
      schedule: (attempt) => {
        scheduled += 1;
        return attempt();
      },
    });
    expect(scheduled).toBe(2);
  });
});
