import { CodedError } from './errors.js';

/** One turn of a conversation with a language model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What to ask the model; `signal` stops the request (shutdown, a cancelled job). */
export interface CompletionRequest {
  messages: ChatMessage[];
  /** The longest answer, in tokens. */
  maxTokens: number;
  /** 0 is the most predictable; the adapter picks a low default when unset. */
  temperature?: number;
  signal?: AbortSignal;
}

/** The model's answer. */
export interface Completion {
  text: string;
  /** The model that answered, as the server names it (it may be more precise than the configured name). */
  model: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number };
  /** true when the server reported no usage and it was estimated (≈ chars/4) */
  estimatedUsage: boolean;
  /** Why the model stopped (`stop`, `length`, ...), when the server said. */
  finishReason: string | null;
}

/**
 * A language model that completes a chat, e.g. summarising a paper. One call is one attempt: retries and
 * backoff are the caller's (the job queue's), guided by `isRetryableModelError`.
 *
 * @example
 * const completion = await model.complete({
 *   messages: [
 *     { role: 'system', content: 'Summarise the abstract in two sentences.' },
 *     { role: 'user', content: paper.abstract },
 *   ],
 *   maxTokens: 200,
 *   signal: job.signal,
 * });
 * await summaries.save(paper.id, completion.text);
 */
export interface LanguageModel {
  /** the configured model name */
  readonly name: string;
  /** Resolves with the answer, or rejects with a `ModelError` (or the signal's abort reason). */
  complete(request: CompletionRequest): Promise<Completion>;
}

/** Identifies each kind of model failure, so callers can branch on `error.code` without `instanceof`. */
export const ModelErrorCode = {
  RateLimited: 'modelRateLimited',
  Unavailable: 'modelUnavailable',
  Response: 'modelResponse',
  Rejected: 'modelRejected',
} as const;
export type ModelErrorCode = (typeof ModelErrorCode)[keyof typeof ModelErrorCode];

/** Any failure to get a completion from the model. */
export class ModelError extends CodedError<ModelErrorCode> {}

/** The server said 429: too many requests (or tokens) for now. */
export class ModelRateLimitedError extends ModelError {
  /** How long the server asked us to wait (its Retry-After), or null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(retryAfterMs: number | null, options: { detail?: string; cause?: unknown } = {}) {
    const wait = retryAfterMs === null ? '' : ` (it asked to wait ${Math.ceil(retryAfterMs / 1000)} s)`;
    const detail = options.detail ? `: ${options.detail}` : '';
    super(ModelErrorCode.RateLimited, `the language model is rate limited${wait}${detail}`, {
      cause: options.cause,
    });
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The model could not answer now: a 5xx, a network error, a refused connection or a timeout. The message
 * says which; `status` is the HTTP status when there was one.
 */
export class ModelUnavailableError extends ModelError {
  readonly status: number | null;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(ModelErrorCode.Unavailable, message, { cause: options.cause });
    this.status = options.status ?? null;
  }
}

/**
 * The server said yes (2xx) but the answer was unusable: not JSON, not the chat-completions shape, no text,
 * or a stream that broke off.
 */
export class ModelResponseError extends ModelError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(ModelErrorCode.Response, message, options);
  }
}

/** What to check for each status the server refuses a request with. */
const REJECTION_HINTS: Record<number, string> = {
  400: 'check LLM_MODEL and the request (messages, max_tokens)',
  401: 'check LLM_API_KEY',
  403: 'check that LLM_API_KEY may use LLM_MODEL',
  404: 'check LLM_BASE_URL and LLM_MODEL',
  422: 'check LLM_MODEL and the request (messages, max_tokens)',
};

/**
 * The server refused the request (400, 401, 403, 404, 422: a bad key, an unknown model, a bad request).
 * Trying again will not help; the configuration must change.
 */
export class ModelRejectedError extends ModelError {
  readonly status: number;

  constructor(status: number, options: { detail?: string; cause?: unknown } = {}) {
    const hint = REJECTION_HINTS[status] ?? 'check LLM_BASE_URL, LLM_MODEL and LLM_API_KEY';
    const detail = options.detail ? ` (the server said: ${options.detail})` : '';
    super(ModelErrorCode.Rejected, `${status}: ${hint}${detail}`, { cause: options.cause });
    this.status = status;
  }
}

/** True for failures that may pass if the same request is tried again later: all but a rejection. */
export const isRetryableModelError = (error: unknown): boolean =>
  error instanceof ModelRateLimitedError ||
  error instanceof ModelUnavailableError ||
  error instanceof ModelResponseError;

/** Roughly how many characters a token stands for in English text, as OpenAI's rule of thumb has it. */
const CHARACTERS_PER_TOKEN = 4;

/**
 * A guess at the tokens of a text, for budgets: a quarter of its characters, rounded up.
 *
 * @example
 * estimateTokens('A summary.'); // 3
 */
export const estimateTokens = (text: string | number): number =>
  Math.ceil((typeof text === 'number' ? text : text.length) / CHARACTERS_PER_TOKEN);

/** The same guess for a prompt: every message's content. */
export const estimatePromptTokens = (messages: readonly ChatMessage[]): number =>
  estimateTokens(messages.reduce((sum, message) => sum + message.content.length, 0));
