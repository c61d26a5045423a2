import { ModelResponseError } from '../core/language-model.js';
import { bodySnippet } from '../sources/source-errors.js';
import { chatCompletionSchema, type WireUsage } from './chat-completion-schemas.js';
import type { Redact } from './redact.js';

/** An answer as the server sent it, before it is checked for text and given usage. */
export interface WireAnswer {
  text: string;
  model: string | undefined;
  finishReason: string | null;
  usage: WireUsage | null;
}

/**
 * Reads a whole (non-streamed) chat-completions answer. `redact` cleans the start of a bad body before an error
 * message quotes it.
 *
 * @example
 * parseCompletionBody('{"model":"m","choices":[{"message":{"content":"Hi"},"finish_reason":"stop"}]}', (t) => t);
 * // { text: 'Hi', model: 'm', finishReason: 'stop', usage: null }
 */
export const parseCompletionBody = (body: string, redact: Redact): WireAnswer => {
  const snippet = () => bodySnippet(redact(body));
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new ModelResponseError(`the language model's answer is not JSON: "${snippet()}"`, {
      cause: error,
    });
  }
  const parsed = chatCompletionSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelResponseError(
      `the language model's answer is not a chat completion (${firstIssue(parsed.error)}): "${snippet()}"`,
      { cause: parsed.error },
    );
  }
  const { model, choices, usage } = parsed.data;
  const [choice] = choices;
  return {
    text: choice?.message.content ?? '',
    model,
    finishReason: choice?.finish_reason ?? null,
    usage: usage ?? null,
  };
};

/** The first thing zod found wrong, e.g. `choices: Invalid input: expected array, received undefined`. */
export const firstIssue = (error: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): string => {
  const [issue] = error.issues;
  if (!issue) return 'unexpected shape';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
};
