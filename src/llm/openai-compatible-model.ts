import {
  type ChatMessage,
  type Completion,
  type CompletionRequest,
  type LanguageModel,
  ModelError,
  ModelResponseError,
  ModelUnavailableError,
} from '../core/language-model.js';
import { parseCompletionBody, type WireAnswer } from './completion-body.js';
import { readCompletionStream } from './completion-stream.js';
import { estimateUsage } from './estimated-usage.js';
import { redactSecret } from './redact.js';
import { type RequestDeadline, startRequestDeadline } from './request-deadline.js';
import { serverSentEventData } from './server-sent-events.js';
import { errorForStatus } from './status-errors.js';

/** Where the model lives and how to talk to it. */
export interface OpenAiCompatibleModelOptions {
  /** The API root, e.g. `https://api.openai.com/v1` or Ollama's `http://127.0.0.1:11434/v1`; no trailing slash. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set; local servers usually need none. */
  apiKey?: string;
  model: string;
  /**
   * The whole request, reading the body included. For a stream it is the longest wait for the next chunk (the
   * first one included), so a long answer that keeps coming is not cut off.
   */
  timeoutMs: number;
  /** Ask for the answer as Server-Sent Events (default false). */
  stream?: boolean;
  fetch?: typeof fetch;
  /** The clock that HTTP-date `Retry-After` values are measured against; tests pin it. */
  now?: () => number;
}

/** Low, for summaries that stick to the paper. */
const DEFAULT_TEMPERATURE = 0.2;

/**
 * A `LanguageModel` behind an OpenAI-style `POST /chat/completions`: OpenAI itself, or a server that copies it
 * (Ollama, vLLM, llama.cpp, LM Studio, OpenRouter). Each `complete` makes exactly one request.
 *
 * @example
 * const model = createOpenAiCompatibleModel({
 *   baseUrl: 'http://127.0.0.1:11434/v1',
 *   model: 'llama3.1:8b',
 *   timeoutMs: 60_000,
 * });
 * const { text } = await model.complete({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 50 });
 */
export const createOpenAiCompatibleModel = (options: OpenAiCompatibleModelOptions): LanguageModel => {
  const url = `${options.baseUrl}/chat/completions`;
  const apiKey = options.apiKey || undefined;
  const redact = redactSecret(apiKey);
  const send = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const stream = options.stream ?? false;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
  };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;

  /** Turns whatever stopped a request into the error `complete` rejects with. */
  const failure = (
    error: unknown,
    deadline: RequestDeadline,
    signal: AbortSignal | undefined,
    answered: boolean,
  ): unknown => {
    if (signal?.aborted) return signal.reason;
    if (deadline.timedOut) {
      const what = stream ? 'sent nothing for' : 'did not answer within';
      return new ModelUnavailableError(
        `the language model at ${redact(url)} ${what} ${options.timeoutMs} ms (timeout)`,
        { cause: error },
      );
    }
    if (error instanceof ModelError) return error;
    if (answered) {
      return new ModelUnavailableError(
        `the connection to the language model at ${redact(url)} broke while reading its answer: ${networkReason(error)}`,
        { cause: error },
      );
    }
    return new ModelUnavailableError(
      `could not reach the language model at ${redact(url)}: ${networkReason(error)}; check LLM_BASE_URL and that the server is running`,
      { cause: error },
    );
  };

  return {
    name: options.model,
    async complete(request) {
      request.signal?.throwIfAborted();
      const deadline = startRequestDeadline(options.timeoutMs, request.signal);
      let answered = false;
      try {
        const response = await send(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(requestBody(options.model, request, stream)),
          signal: deadline.signal,
        });
        answered = true;
        if (!response.ok) {
          const body = redact(await response.text().catch(() => ''));
          const retryAfter = response.headers.get('retry-after');
          throw errorForStatus({ status: response.status, retryAfter, body }, now());
        }
        const isEventStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
        // A server may ignore `stream: true` and answer in one piece; read whichever it sent.
        const answer =
          isEventStream && response.body
            ? await readCompletionStream(
                serverSentEventData(restartingOnEachChunk(response.body, deadline)),
                redact,
              )
            : parseCompletionBody(await response.text(), redact);
        return toCompletion(answer, request.messages, options.model);
      } catch (error) {
        throw failure(error, deadline, request.signal, answered);
      } finally {
        deadline.dispose();
      }
    },
  };
};

const requestBody = (model: string, request: CompletionRequest, stream: boolean) => ({
  model,
  messages: request.messages.map(({ role, content }) => ({ role, content })),
  max_tokens: request.maxTokens,
  temperature: request.temperature ?? DEFAULT_TEMPERATURE,
  stream,
  ...(stream ? { stream_options: { include_usage: true } } : {}),
});

/** Passes the body on, restarting the deadline whenever a chunk arrives. */
const restartingOnEachChunk = (
  body: ReadableStream<Uint8Array>,
  deadline: RequestDeadline,
): ReadableStream<Uint8Array> => {
  deadline.restart();
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        deadline.restart();
        controller.enqueue(chunk);
      },
    }),
  );
};

const toCompletion = (answer: WireAnswer, messages: ChatMessage[], configuredModel: string): Completion => {
  if (answer.text.trim() === '') {
    const why = answer.finishReason ? ` (finish_reason: ${answer.finishReason})` : '';
    throw new ModelResponseError(`the language model returned no text${why}`);
  }
  const { usage } = answer;
  return {
    text: answer.text,
    model: answer.model ?? configuredModel,
    usage: usage
      ? {
          promptTokens: usage.prompt_tokens,
          completionTokens: usage.completion_tokens,
          totalTokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
        }
      : estimateUsage(messages, answer.text),
    estimatedUsage: !usage,
    finishReason: answer.finishReason,
  };
};

/** undici says only `fetch failed` and hides the real reason (ECONNREFUSED, ENOTFOUND, ...) in `cause`. */
const networkReason = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return code === 'ECONNREFUSED' ? `connection refused (${cause.message})` : cause.message;
};
