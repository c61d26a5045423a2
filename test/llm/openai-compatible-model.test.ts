import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/language-model.js';
import {
  createOpenAiCompatibleModel,
  type OpenAiCompatibleModelOptions,
} from '../../src/llm/openai-compatible-model.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';

const API_KEY = 'sk-test-0123456789';
const MODEL = 'gpt-test';

const messages: ChatMessage[] = [
  { role: 'system', content: 'Summarise the abstract in one sentence.' },
  { role: 'user', content: 'We train a small model on papers.' },
];

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

describe('createOpenAiCompatibleModel, whole answers', () => {
  it('returns the text, model, finish reason and the usage the server reported', async () => {
    llm.enqueue({
      text: 'A small model summarises papers.',
      usage: { promptTokens: 31, completionTokens: 7 },
      model: 'gpt-test-2026-01-01',
    });
    const completion = await model().complete({ messages, maxTokens: 120 });
    expect(completion).toEqual({
      text: 'A small model summarises papers.',
      model: 'gpt-test-2026-01-01',
      usage: { promptTokens: 31, completionTokens: 7, totalTokens: 38 },
      estimatedUsage: false,
      finishReason: 'stop',
    });
    expect(llm.requestCount).toBe(1);
  });

  it('estimates usage as chars/4 when the server reports none', async () => {
    llm.enqueue({ text: 'Ten chars!', usage: null, finishReason: 'length' });
    const completion = await model().complete({ messages, maxTokens: 120 });
    // 39 + 33 = 72 prompt characters -> 18 tokens; 10 completion characters -> 3 tokens.
    expect(completion.usage).toEqual({ promptTokens: 18, completionTokens: 3, totalTokens: 21 });
    expect(completion.estimatedUsage).toBe(true);
    expect(completion.finishReason).toBe('length');
  });

  it('posts model, messages, max_tokens and the default temperature as JSON, with the key as Bearer', async () => {
    await model().complete({ messages, maxTokens: 64 });
    const [request] = llm.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toEqual({
      model: MODEL,
      messages,
      max_tokens: 64,
      temperature: 0.2,
      stream: false,
    });
  });

  it('sends the temperature it is given', async () => {
    await model().complete({ messages, maxTokens: 64, temperature: 0 });
    expect(llm.requests[0]?.body).toMatchObject({ temperature: 0 });
  });

  it('sends no Authorization header when no key is set', async () => {
    const open = await startFakeLlm({ models: [MODEL] });
    try {
      const completion = await createOpenAiCompatibleModel({
        baseUrl: open.url,
        apiKey: '',
        model: MODEL,
        timeoutMs: 5000,
      }).complete({ messages, maxTokens: 10 });
      expect(completion.text).toBe('echo: We train a small model on papers.');
      expect(open.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('names the configured model', () => {
    expect(model().name).toBe(MODEL);
  });
});

describe('createOpenAiCompatibleModel, streamed answers', () => {
  it('assembles the text from the chunks and reads usage from the last one', async () => {
    llm.enqueue({
      text: 'Streaming works piece by piece.',
      usage: { promptTokens: 12, completionTokens: 6 },
    });
    const completion = await model({ stream: true }).complete({ messages, maxTokens: 50 });
    expect(completion).toEqual({
      text: 'Streaming works piece by piece.',
      model: MODEL,
      usage: { promptTokens: 12, completionTokens: 6, totalTokens: 18 },
      estimatedUsage: false,
      finishReason: 'stop',
    });
    expect(llm.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(llm.requests[0]?.headers.accept).toBe('text/event-stream');
  });

  it('lets a stream run longer than timeoutMs as long as chunks keep coming', async () => {
    // 7 events 80 ms apart: about 500 ms in all, never more than 80 ms of silence.
    llm.enqueue({ text: 'Slow but steady.', chunkDelayMs: 80 });
    const completion = await model({ stream: true, timeoutMs: 400 }).complete({ messages, maxTokens: 50 });
    expect(completion.text).toBe('Slow but steady.');
  });

  it('estimates usage when the stream carries none', async () => {
    llm.enqueue({ text: 'Twelve chars', usage: null });
    const completion = await model({ stream: true }).complete({ messages, maxTokens: 50 });
    expect(completion.text).toBe('Twelve chars');
    expect(completion.usage).toEqual({ promptTokens: 18, completionTokens: 3, totalTokens: 21 });
    expect(completion.estimatedUsage).toBe(true);
  });
});
