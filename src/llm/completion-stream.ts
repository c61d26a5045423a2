import { ModelResponseError } from '../core/language-model.js';
import { bodySnippet } from '../sources/source-errors.js';
import { chatCompletionChunkSchema, type WireUsage } from './chat-completion-schemas.js';
import { firstIssue, type WireAnswer } from './completion-body.js';
import type { Redact } from './redact.js';

/** The event that ends an OpenAI stream. */
const DONE = '[DONE]';

/**
 * Assembles a streamed answer from the data of its Server-Sent Events: the `delta.content` of each chunk in
 * order, the last `finish_reason`, and `usage` from whichever chunk has it (the last, with no choices, when
 * asked for with `stream_options.include_usage`). A stream that stops before `[DONE]` counts only when a
 * `finish_reason` came; otherwise the answer may be cut short, and it is a `ModelResponseError`.
 *
 * @example
 * const answer = await readCompletionStream(serverSentEventData(response.body), redactSecret(apiKey));
 */
export const readCompletionStream = async (
  events: AsyncIterable<string>,
  redact: Redact,
): Promise<WireAnswer> => {
  let text = '';
  let model: string | undefined;
  let finishReason: string | null = null;
  let usage: WireUsage | null = null;
  let done = false;
  try {
    for await (const data of events) {
      if (data === DONE) {
        done = true;
        break;
      }
      const chunk = parseChunk(data, redact);
      model ??= chunk.model;
      usage = chunk.usage ?? usage;
      const [choice] = chunk.choices;
      text += choice?.delta?.content ?? '';
      finishReason = choice?.finish_reason ?? finishReason;
    }
  } catch (error) {
    if (error instanceof ModelResponseError) throw error;
    const reason = error instanceof Error ? `: ${error.message}` : '';
    throw new ModelResponseError(
      `the language model's stream broke off after ${text.length} characters${reason}`,
      { cause: error },
    );
  }
  if (!done && finishReason === null) {
    throw new ModelResponseError(
      `the language model's stream ended after ${text.length} characters without a finish_reason or [DONE]`,
    );
  }
  return { text, model, finishReason, usage };
};

const parseChunk = (data: string, redact: Redact) => {
  const snippet = () => bodySnippet(redact(data));
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    throw new ModelResponseError(`a stream event from the language model is not JSON: "${snippet()}"`, {
      cause: error,
    });
  }
  const parsed = chatCompletionChunkSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelResponseError(
      `a stream event from the language model is not a chat-completion chunk (${firstIssue(parsed.error)}): "${snippet()}"`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
};
