import {
  type ModelError,
  ModelRateLimitedError,
  ModelRejectedError,
  ModelUnavailableError,
} from '../core/language-model.js';
import { parseRetryAfter } from '../sources/retry-after.js';
import { bodySnippet } from '../sources/source-errors.js';
import { wireErrorSchema } from './chat-completion-schemas.js';

/** A non-2xx answer, with its body already stripped of the API key. */
export interface FailedAnswer {
  status: number;
  retryAfter: string | null;
  body: string;
}

/**
 * The error for a non-2xx answer: 429 is a rate limit, 5xx (and 408) a server that cannot answer now, any other
 * status a refusal that only a change of configuration fixes.
 *
 * @example
 * errorForStatus({ status: 429, retryAfter: '20', body: '' }, Date.now()); // ModelRateLimitedError, retryAfterMs 20000
 */
export const errorForStatus = (answer: FailedAnswer, nowMs: number): ModelError => {
  const detail = serverMessage(answer.body);
  if (answer.status === 429) {
    return new ModelRateLimitedError(parseRetryAfter(answer.retryAfter, nowMs) ?? null, { detail });
  }
  if (answer.status >= 500 || answer.status === 408) {
    const said = detail ? `: ${detail}` : '';
    return new ModelUnavailableError(`the language model answered HTTP ${answer.status}${said}`, {
      status: answer.status,
    });
  }
  return new ModelRejectedError(answer.status, { detail });
};

/** What the server said went wrong: OpenAI's `error.message`, or the start of whatever else it sent. */
const serverMessage = (body: string): string | undefined => {
  if (!body.trim()) return undefined;
  try {
    const parsed = wireErrorSchema.safeParse(JSON.parse(body));
    if (parsed.success) return bodySnippet(parsed.data.error.message, 200);
  } catch {
    // Not JSON (an HTML page from a proxy, say): show its start below.
  }
  return bodySnippet(body);
};
