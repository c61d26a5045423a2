import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CompletionRequest,
  isRetryableModelError,
  ModelRateLimitedError,
  ModelRejectedError,
  ModelResponseError,
  ModelUnavailableError,
} from '../../src/core/language-model.js';
import {
  createOpenAiCompatibleModel,
  type OpenAiCompatibleModelOptions,
} from '../../src/llm/openai-compatible-model.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';

const API_KEY = 'sk-test-0123456789';
const MODEL = 'gpt-test';
const request: CompletionRequest = { messages: [{ role: 'user', content: 'Summarise.' }], maxTokens: 50 };

let llm: FakeLlm;

beforeEach(async () => {
  llm = await startFakeLlm({ apiKey: API_KEY, models: [MODEL] });
});
afterEach(async () => {
  await llm.close();
});

const model = (overrides: Partial<OpenAiCompatibleModelOptions> = {}) =>
  createOpenAiCompatibleModel({
    baseUrl: llm.url,
    apiKey: API_KEY,
    model: MODEL,
    timeoutMs: 5000,
    ...overrides,
  });

const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the completion to fail');
};

/** A port on 127.0.0.1 that was just free, so connecting to it is refused. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

describe('createOpenAiCompatibleModel when the server is busy or down', () => {
  it('turns a 429 into ModelRateLimitedError with Retry-After in seconds, after exactly one request', async () => {
    llm.enqueue({ status: 429, retryAfter: '7' });
    const error = await failure(model().complete(request));
    expect(error).toBeInstanceOf(ModelRateLimitedError);
    expect((error as ModelRateLimitedError).retryAfterMs).toBe(7000);
    expect(llm.requestCount).toBe(1);
  });

  it('reads an HTTP-date Retry-After against the clock', async () => {
    llm.enqueue({ status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:30 GMT' });
    const now = () => Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    const error = await failure(model({ now }).complete(request));
    expect((error as ModelRateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('gives a null retryAfterMs when a 429 says nothing', async () => {
    llm.enqueue({ status: 429 });
    const error = await failure(model().complete(request));
    expect((error as ModelRateLimitedError).retryAfterMs).toBeNull();
  });

  it('turns a 500 into ModelUnavailableError with the status', async () => {
    llm.enqueue({ status: 500 });
    const error = await failure(model().complete(request));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as ModelUnavailableError).status).toBe(500);
    expect((error as Error).message).toMatch(/HTTP 500: The server had an error/);
    expect(llm.requestCount).toBe(1);
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    llm.enqueue({ delayMs: 10_000, reply: { text: 'too late' } });
    const error = await failure(model({ timeoutMs: 200 }).complete(request));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/did not answer within 200 ms \(timeout\)/);
  });

  it('gives up on a stream that sends nothing for timeoutMs', async () => {
    llm.enqueue({ delayMs: 10_000, reply: { text: 'too late' } });
    const error = await failure(model({ timeoutMs: 200, stream: true }).complete(request));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/sent nothing for 200 ms \(timeout\)/);
  });

  it('turns a whole answer cut off mid-body into ModelUnavailableError', async () => {
    llm.enqueue({ streamBreak: true });
    const error = await failure(model().complete(request));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/broke while reading its answer/);
  });

  it('says the connection was refused when nothing listens', async () => {
    const port = await closedPort();
    const error = await failure(model({ baseUrl: `http://127.0.0.1:${port}/v1` }).complete(request));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toContain(
      `http://127.0.0.1:${port}/v1/chat/completions: connection refused`,
    );
    expect((error as ModelUnavailableError).status).toBeNull();
  });
});

describe('createOpenAiCompatibleModel when the answer is unusable', () => {
  it('refuses a body that is not JSON', async () => {
    llm.enqueue({ malformed: 'json' });
    const error = await failure(model().complete(request));
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toMatch(/^the language model's answer is not JSON/);
  });

  it('refuses JSON without choices', async () => {
    llm.enqueue({ malformed: 'shape' });
    const error = await failure(model().complete(request));
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toMatch(/not a chat completion \(choices: /);
  });

  it('refuses an answer with no text, saying why the model stopped', async () => {
    llm.enqueue({ text: '', finishReason: 'length' });
    const error = await failure(model().complete(request));
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toBe('the language model returned no text (finish_reason: length)');
  });

  it('refuses a stream event that is not JSON', async () => {
    llm.enqueue({ malformed: 'json' });
    const error = await failure(model({ stream: true }).complete(request));
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toMatch(/^a stream event from the language model is not JSON/);
  });

  it('refuses a stream that breaks off before it finishes', async () => {
    llm.enqueue({ streamBreak: true });
    const error = await failure(model({ stream: true }).complete(request));
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toMatch(/stream (broke off|ended) after 9 characters/);
  });
});

describe('createOpenAiCompatibleModel when the server refuses the request', () => {
  it('turns a wrong key into ModelRejectedError 401 without the key in the message', async () => {
    const wrongKey = 'sk-wrong-9876543210';
    const error = await failure(model({ apiKey: wrongKey }).complete(request));
    expect(error).toBeInstanceOf(ModelRejectedError);
    expect((error as ModelRejectedError).status).toBe(401);
    expect((error as Error).message).toMatch(/^401: check LLM_API_KEY/);
    // The fake echoes the key it got, as some proxies do.
    expect((error as Error).message).toContain('Incorrect API key provided: [redacted]');
    expect((error as Error).message).not.toContain(wrongKey);
  });

  it('turns a missing key into ModelRejectedError 401', async () => {
    const error = await failure(model({ apiKey: undefined }).complete(request));
    expect((error as ModelRejectedError).status).toBe(401);
    expect(llm.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('turns an unknown model into ModelRejectedError 404 pointing at LLM_BASE_URL and LLM_MODEL', async () => {
    const error = await failure(model({ model: 'gpt-nope' }).complete(request));
    expect(error).toBeInstanceOf(ModelRejectedError);
    expect((error as ModelRejectedError).status).toBe(404);
    expect((error as Error).message).toMatch(
      /^404: check LLM_BASE_URL and LLM_MODEL .*`gpt-nope` does not exist/,
    );
  });

  it('turns a bad max_tokens into ModelRejectedError 400', async () => {
    const error = await failure(model().complete({ ...request, maxTokens: 0 }));
    expect((error as ModelRejectedError).status).toBe(400);
    expect((error as Error).message).toContain("Invalid 'max_tokens': 0");
  });
});

describe('createOpenAiCompatibleModel when the caller aborts', () => {
  it("rejects with the signal's reason, not ModelUnavailableError", async () => {
    llm.enqueue({ delayMs: 10_000, reply: { text: 'too late' } });
    const controller = new AbortController();
    const completing = model().complete({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(completing);
    expect(error).not.toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('rejects with a reason the caller chose, in the middle of a stream too', async () => {
    llm.enqueue({ delayMs: 10_000, reply: { text: 'too late' } });
    const controller = new AbortController();
    const reason = new Error('paperboy is shutting down');
    const completing = model({ stream: true }).complete({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    expect(await failure(completing)).toBe(reason);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const error = await failure(model().complete({ ...request, signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe('AbortError');
    expect(llm.requestCount).toBe(0);
  });
});

describe('isRetryableModelError', () => {
  it('retries rate limits, outages and bad answers, but not refusals or other errors', () => {
    expect(isRetryableModelError(new ModelRateLimitedError(null))).toBe(true);
    expect(isRetryableModelError(new ModelUnavailableError('HTTP 503'))).toBe(true);
    expect(isRetryableModelError(new ModelResponseError('not JSON'))).toBe(true);
    expect(isRetryableModelError(new ModelRejectedError(401))).toBe(false);
    expect(isRetryableModelError(new Error('boom'))).toBe(false);
  });
});
