import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';

let llm: FakeLlm;

beforeEach(async () => {
  llm = await startFakeLlm({ apiKey: 'sk-fake', models: ['m'] });
});
afterEach(async () => {
  await llm.close();
});

const post = async (body: unknown, path = '/chat/completions', key = 'sk-fake') => {
  const response = await fetch(`${llm.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { error?: { code: string | null } } };
};

const valid = { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 };

describe('the fake OpenAI-compatible server', () => {
  it('answers a valid request with an echo in the chat-completions shape', async () => {
    const { status, json } = await post(valid);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [{ message: { role: 'assistant', content: 'echo: hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
  });

  it('enforces the route, the key, the model and the fields', async () => {
    expect((await post(valid, '/completions')).status).toBe(404);
    expect(await post(valid, '/chat/completions', 'sk-other')).toMatchObject({
      status: 401,
      json: { error: { code: 'invalid_api_key' } },
    });
    expect(await post({ ...valid, model: 'x' })).toMatchObject({
      status: 404,
      json: { error: { code: 'model_not_found' } },
    });
    expect((await post('{"model":')).status).toBe(400);
    expect((await post({ ...valid, messages: [] })).status).toBe(400);
    expect((await post({ ...valid, messages: [{ role: 'tool', content: 'x' }] })).status).toBe(400);
    expect((await post({ ...valid, max_tokens: 1.5 })).status).toBe(400);
    expect((await post({ ...valid, stream_options: { include_usage: true } })).status).toBe(400);
    expect(llm.requestCount).toBe(8);
  });

  it('uses queued replies in order before the handler', async () => {
    llm.respond(() => ({ text: 'from the handler' }));
    llm.enqueue({ status: 503 }, { text: 'queued' });
    expect((await post(valid)).status).toBe(503);
    expect((await post(valid)).json).toMatchObject({ choices: [{ message: { content: 'queued' } }] });
    expect((await post(valid)).json).toMatchObject({
      choices: [{ message: { content: 'from the handler' } }],
    });
  });
});
