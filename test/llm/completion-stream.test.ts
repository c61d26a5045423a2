import { describe, expect, it } from 'vitest';
import { ModelResponseError } from '../../src/core/language-model.js';
import { readCompletionStream } from '../../src/llm/completion-stream.js';
import { redactSecret } from '../../src/llm/redact.js';

async function* events(...data: string[]): AsyncGenerator<string> {
  yield* data;
}

const delta = (content: string | null, finishReason: string | null = null) =>
  JSON.stringify({ model: 'm-1', choices: [{ index: 0, delta: { content }, finish_reason: finishReason }] });

const noRedaction = redactSecret(undefined);

describe('readCompletionStream', () => {
  it('joins the deltas and takes usage from the last, choice-less chunk', async () => {
    const usage = JSON.stringify({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    });
    const answer = await readCompletionStream(
      events(delta(''), delta('Hel'), delta('lo'), delta(null, 'stop'), usage, '[DONE]'),
      noRedaction,
    );
    expect(answer).toEqual({
      text: 'Hello',
      model: 'm-1',
      finishReason: 'stop',
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    });
  });

  it('accepts a stream that ends without [DONE] once a finish_reason came', async () => {
    const answer = await readCompletionStream(events(delta('Done'), delta(null, 'length')), noRedaction);
    expect(answer).toMatchObject({ text: 'Done', finishReason: 'length', usage: null });
  });

  it('refuses a stream that ends without [DONE] or a finish_reason', async () => {
    const reading = readCompletionStream(events(delta('Half an ans')), noRedaction);
    await expect(reading).rejects.toThrow(ModelResponseError);
    await expect(readCompletionStream(events(delta('Half an ans')), noRedaction)).rejects.toThrow(
      /ended after 11 characters without a finish_reason or \[DONE\]/,
    );
  });

  it('refuses an event that is not JSON, quoting it without the key', async () => {
    const reading = readCompletionStream(events('{"oops": "sk-secret'), redactSecret('sk-secret'));
    await expect(reading).rejects.toThrow(
      'a stream event from the language model is not JSON: "{"oops": "[redacted]"',
    );
  });
});
