import type { ServerResponse } from 'node:http';
import type { ChatCompletionBody, OpenAiErrorBody } from './fake-llm-rules.js';

/** Token counts to report; `totalTokens` defaults to the sum. */
export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens?: number;
}

/** An answer with text: in one JSON body, or as Server-Sent Events when the request asked for a stream. */
export interface FakeTextReply {
  text: string;
  /** null leaves usage out; absent reports one token per word. */
  usage?: FakeUsage | null;
  /** Default `stop`. */
  finishReason?: string;
  /** The model the answer names; default the requested one. */
  model?: string;
  /** When streamed, the wait before each event after the first, like a model producing tokens. */
  chunkDelayMs?: number;
}

/** What the fake answers a valid request with. */
export type FakeLlmReply =
  | FakeTextReply
  | { status: 429; retryAfter?: string }
  | { status: 500 | 502 | 503 }
  /**
   * Holds `reply` back, e.g. to outlast a client's timeout. (Not `then`: an object with a `then` is a thenable,
   * and `await` would call it.)
   */
  | { delayMs: number; reply: FakeLlmReply }
  /** A 200 whose body is broken JSON, or valid JSON without `choices`. */
  | { malformed: 'json' | 'shape' }
  /** Sends part of the answer, then closes the socket: no `[DONE]`, no finish_reason. */
  | { streamBreak: true };

let nextId = 1;
const completionId = () => `chatcmpl-fake-${nextId++}`;
const created = () => Math.floor(Date.now() / 1000);

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** One token per word: different from the client's chars/4 estimate, so tests can tell them apart. */
const defaultUsage = (request: ChatCompletionBody, text: string): FakeUsage => ({
  promptTokens: request.messages.reduce((sum, message) => sum + words(message.content), 0),
  completionTokens: words(text),
});

const wireUsage = (usage: FakeUsage) => ({
  prompt_tokens: usage.promptTokens,
  completion_tokens: usage.completionTokens,
  total_tokens: usage.totalTokens ?? usage.promptTokens + usage.completionTokens,
});

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const errorBody = (message: string, type: string, code: string | null): OpenAiErrorBody => ({
  error: { message, type, param: null, code },
});

/**
 * Writes `events` one at a time, each waiting for the last to reach the socket (and `gapMs` more), so they leave
 * as separate chunks.
 */
const writeEvents = async (res: ServerResponse, events: readonly string[], gapMs = 0): Promise<void> => {
  for (const [index, event] of events.entries()) {
    if (index > 0 && gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    if (res.destroyed) return;
    await new Promise<void>((resolve) => res.write(event, () => resolve()));
  }
};

const sse = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** Cuts `text` into about three pieces, as a model streams tokens. */
const pieces = (text: string): string[] => {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const result: string[] = [];
  for (let start = 0; start < text.length; start += size) result.push(text.slice(start, start + size));
  return result;
};

const startStream = (res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });

const streamText = async (res: ServerResponse, request: ChatCompletionBody, reply: FakeTextReply) => {
  const id = completionId();
  const model = reply.model ?? request.model;
  const includeUsage = request.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], usage: unknown = null) => ({
    id,
    object: 'chat.completion.chunk',
    created: created(),
    model,
    choices,
    ...(includeUsage ? { usage } : {}),
  });
  const delta = (content: Record<string, string>, finishReason: string | null = null) =>
    chunk([{ index: 0, delta: content, logprobs: null, finish_reason: finishReason }]);
  const usage = reply.usage === undefined ? defaultUsage(request, reply.text) : reply.usage;
  const events = [
    sse(delta({ role: 'assistant', content: '' })),
    ...pieces(reply.text).map((piece) => sse(delta({ content: piece }))),
    sse(delta({}, reply.finishReason ?? 'stop')),
    ...(includeUsage && usage ? [sse(chunk([], wireUsage(usage)))] : []),
    sse('[DONE]'),
  ];
  startStream(res);
  await writeEvents(res, events, reply.chunkDelayMs);
  res.end();
};

const sendText = (res: ServerResponse, request: ChatCompletionBody, reply: FakeTextReply) => {
  const usage = reply.usage === undefined ? defaultUsage(request, reply.text) : reply.usage;
  sendJson(res, 200, {
    id: completionId(),
    object: 'chat.completion',
    created: created(),
    model: reply.model ?? request.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.text, refusal: null },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    ...(usage ? { usage: wireUsage(usage) } : {}),
    system_fingerprint: 'fp_fake',
  });
};

const sendMalformed = async (res: ServerResponse, request: ChatCompletionBody, kind: 'json' | 'shape') => {
  if (request.stream) {
    startStream(res);
    const broken = kind === 'json' ? '{"id":"chatcmpl-fake","choices":[{"delta":' : { id: 'chatcmpl-fake' };
    await writeEvents(res, [sse(broken), sse('[DONE]')]);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    kind === 'json'
      ? '{"id":"chatcmpl-fake","choices":[{"message":'
      : JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion', model: request.model }),
  );
};

const breakStream = async (res: ServerResponse, request: ChatCompletionBody) => {
  if (request.stream) {
    startStream(res);
    const delta = (content: Record<string, string>) =>
      sse({
        id: 'chatcmpl-fake',
        model: request.model,
        choices: [{ index: 0, delta: content, finish_reason: null }],
      });
    await writeEvents(res, [delta({ role: 'assistant', content: '' }), delta({ content: 'The paper' })]);
  } else {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    await writeEvents(res, ['{"id":"chatcmpl-fake","choices":[']);
  }
  res.socket?.destroy();
};

/**
 * Sends `reply` to a request that passed the rules. `hold` runs a delayed reply, so the server can cancel it on
 * close.
 */
export const sendReply = async (
  res: ServerResponse,
  request: ChatCompletionBody,
  reply: FakeLlmReply,
  hold: (ms: number, send: () => void) => void,
): Promise<void> => {
  if (res.destroyed) return;
  if ('delayMs' in reply) {
    hold(reply.delayMs, () => void sendReply(res, request, reply.reply, hold));
  } else if ('text' in reply) {
    if (request.stream) await streamText(res, request, reply);
    else sendText(res, request, reply);
  } else if ('malformed' in reply) {
    await sendMalformed(res, request, reply.malformed);
  } else if ('streamBreak' in reply) {
    await breakStream(res, request);
  } else if (reply.status === 429) {
    const headers = reply.retryAfter === undefined ? {} : { 'retry-after': reply.retryAfter };
    sendJson(
      res,
      429,
      errorBody('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded'),
      headers,
    );
  } else {
    sendJson(
      res,
      reply.status,
      errorBody('The server had an error processing your request.', 'server_error', null),
    );
  }
};
