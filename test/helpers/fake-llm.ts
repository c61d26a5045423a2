import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeLlmReply, sendJson, sendReply } from './fake-llm-replies.js';
import { type ChatCompletionBody, checkChatRequest } from './fake-llm-rules.js';

export type { FakeLlmReply, FakeTextReply, FakeUsage } from './fake-llm-replies.js';
export type { ChatCompletionBody } from './fake-llm-rules.js';

/** One request as the fake saw it, valid or not. */
export interface RecordedLlmRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

/** Picks the reply to a valid request. */
export type FakeLlmHandler = (request: ChatCompletionBody) => FakeLlmReply;

export interface FakeLlmOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  /** The models it serves (404 `model_not_found` for others); default `['fake-model']`. */
  models?: readonly string[];
}

/**
 * A local OpenAI-compatible server (`POST /v1/chat/completions` on 127.0.0.1) that enforces the API's rules
 * (route, key, model, messages, max_tokens, stream_options) with OpenAI's error bodies, and answers valid
 * requests from a queue of scripted replies, then from `respond`'s handler, then with an echo of the last user
 * message. A text reply is streamed as Server-Sent Events when the request says `stream: true`.
 *
 * @example
 * const llm = await startFakeLlm({ apiKey: 'sk-test', models: ['gpt-test'] });
 * llm.enqueue({ status: 429, retryAfter: '3' }, { text: 'A short summary.' });
 * // ... point the client at llm.url ...
 * expect(llm.requestCount).toBe(2);
 * await llm.close();
 */
export interface FakeLlm {
  /** `http://127.0.0.1:<port>/v1`, no trailing slash. */
  url: string;
  requests: RecordedLlmRequest[];
  readonly requestCount: number;
  /** Answers valid requests with `handler` once the queue is empty (instead of the echo). */
  respond(handler: FakeLlmHandler): void;
  /** Adds replies for the next valid requests, used in order. */
  enqueue(...replies: FakeLlmReply[]): void;
  /** Stops the server, dropping held-back replies and open connections. */
  close(): Promise<void>;
}

const echo: FakeLlmHandler = (request) => {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  return { text: `echo: ${lastUser?.content ?? ''}` };
};

export const startFakeLlm = async (options: FakeLlmOptions = {}): Promise<FakeLlm> => {
  const rules = { apiKey: options.apiKey, models: options.models ?? ['fake-model'] };
  const requests: RecordedLlmRequest[] = [];
  const queue: FakeLlmReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let handler = echo;

  const hold = (ms: number, send: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, ms);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const method = req.method ?? 'GET';
      requests.push({ method, path, headers: req.headers, body: parsedOrRaw(rawBody) });
      const verdict = checkChatRequest(
        { method, path, authorization: req.headers.authorization, rawBody },
        rules,
      );
      if (!verdict.ok) return sendJson(res, verdict.status, verdict.error);
      const reply = queue.shift() ?? handler(verdict.body);
      void sendReply(res, verdict.body, reply, hold);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get requestCount() {
      return requests.length;
    },
    respond: (next) => {
      handler = next;
    },
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
};

const parsedOrRaw = (rawBody: string): unknown => {
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
};
