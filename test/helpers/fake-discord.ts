import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeGateway, type FakeGateway } from './fake-discord-gateway.js';
import { messageLimitError } from './fake-discord-limits.js';

export interface RecordedCall {
  method: string;
  /** The path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  body: Record<string, unknown> | unknown[] | null;
  authorization: string | undefined;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  nonce?: string;
  body: Record<string, unknown>;
}

type Failure = { status: number; code: number; message: string };

/** What an interceptor answers instead of the route: a 429 (per route or global) or a 500. */
export type Interference = { status: 429; retryAfterSeconds: number; global: boolean } | { status: 500 };

/**
 * A local Discord REST API (`http://127.0.0.1:<port>/api`, paths `/api/v10/...`) for tests, at the network
 * edge: it records every call; creates messages (validating Discord's length limits with 400 / 50035, and
 * `nonce` + `enforce_nonce`: a repeated nonce returns the first message); starts threads from messages;
 * answers command PUTs, interaction callbacks and `@original` edits; sends rate-limit headers on every
 * answer and 429s with `retry_after` when told; and hands out a local gateway from `GET /gateway/bot`.
 *
 * @example
 * const discord = await startFakeDiscord({ applicationId: '100000000000000001' });
 * const rest = new REST({ api: discord.api }).setToken('test');
 * await discord.close();
 */
export async function startFakeDiscord(options: { applicationId: string }) {
  const calls: RecordedCall[] = [];
  const messages: FakeMessage[] = [];
  const threads = new Map<string, string>();
  const failures = new Map<string, Failure>();
  const rateLimits = new Map<string, { times: number; retryAfterSeconds: number }>();
  const interceptors: ((call: RecordedCall) => Interference | undefined)[] = [];
  const waiters: { test: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] = [];
  let nextId = 200_000_000_000_000_000n;
  const snowflake = () => String(nextId++);
  const gateway: FakeGateway = await createFakeGateway({ applicationId: options.applicationId });

  const send = (response: ServerResponse, status: number, body: unknown, bucket = 'global') => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': String(Date.now() / 1000 + 1),
      'x-ratelimit-reset-after': '1',
      'x-ratelimit-bucket': bucket,
    };
    if (status === 204) {
      // No body, so no content type (discord.js parses a JSON content type, and an empty body would fail it).
      delete headers['content-type'];
      response.writeHead(204, headers).end();
      return;
    }
    response.writeHead(status, headers).end(JSON.stringify(body));
  };

  const error = (response: ServerResponse, failure: Failure, bucket?: string) =>
    send(response, failure.status, { code: failure.code, message: failure.message }, bucket);

  function createMessage(channelId: string, body: Record<string, unknown>, response: ServerResponse) {
    const bucket = `messages-${channelId}`;
    const failure = failures.get(channelId);
    if (failure) return error(response, failure, bucket);
    const limited = rateLimits.get(channelId);
    if (limited && limited.times > 0) {
      limited.times -= 1;
      const retryAfter = limited.retryAfterSeconds;
      response
        .writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
          'x-ratelimit-reset-after': String(retryAfter),
          'x-ratelimit-bucket': bucket,
          'x-ratelimit-scope': 'user',
        })
        .end(
          JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: false }),
        );
      return;
    }
    const invalid = messageLimitError(body);
    if (invalid)
      return error(response, { status: 400, code: 50035, message: `Invalid Form Body: ${invalid}` }, bucket);
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    if (nonce !== undefined && nonce.length > 25) {
      return error(
        response,
        { status: 400, code: 50035, message: 'Invalid Form Body: nonce too long' },
        bucket,
      );
    }
    const repeated =
      body.enforce_nonce && nonce
        ? messages.find((m) => m.channel_id === channelId && m.nonce === nonce)
        : undefined;
    const message = repeated ?? { id: snowflake(), channel_id: channelId, body, ...(nonce ? { nonce } : {}) };
    if (!repeated) messages.push(message);
    send(response, 200, { id: message.id, channel_id: channelId, ...body }, bucket);
  }

  function route(call: RecordedCall, response: ServerResponse) {
    const { method, path } = call;
    const body = (call.body ?? {}) as Record<string, unknown>;
    const on = (verb: string, pattern: RegExp) => (method === verb ? pattern.exec(path) : null);
    const created = on('POST', /^\/channels\/(\d+)\/messages$/);
    const thread = on('POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/);
    const commands = on('PUT', /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (method === 'GET' && path === '/gateway/bot') {
      return send(response, 200, {
        url: gateway.url,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') {
      return send(response, 200, {
        id: gateway.botUserId,
        username: 'paperboy',
        discriminator: '0',
        bot: true,
      });
    }
    if (created) {
      return createMessage(created[1] ?? '', body, response);
    }
    if (thread) {
      const [, channelId = '', messageId = ''] = thread;
      const failure = failures.get(`thread:${channelId}`);
      if (failure) return error(response, failure);
      if (threads.has(messageId)) {
        return error(response, {
          status: 400,
          code: 160004,
          message: 'A thread has already been created for this message',
        });
      }
      threads.set(messageId, channelId);
      return send(response, 201, { id: messageId, type: 11, parent_id: channelId, name: body.name });
    }
    if (commands) {
      const list = Array.isArray(call.body) ? (call.body as Record<string, unknown>[]) : [];
      return send(
        response,
        200,
        list.map((command) => ({ id: snowflake(), application_id: commands[1], ...command })),
      );
    }
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path) && method === 'POST') {
      return send(response, 204, null);
    }
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path) && method === 'PATCH') {
      return send(response, 200, { id: snowflake(), ...body });
    }
    return error(response, { status: 404, code: 0, message: '404: Not Found' });
  }

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const call: RecordedCall = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
      body: text === '' ? null : (JSON.parse(text) as RecordedCall['body']),
      authorization: request.headers.authorization,
    };
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.test(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    for (const intercept of interceptors) {
      const interference = intercept(call);
      if (interference) return interfere(response, interference);
    }
    route(call, response);
  });

  function interfere(response: ServerResponse, interference: Interference) {
    if (interference.status === 500) {
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
      return;
    }
    const { retryAfterSeconds: wait, global } = interference;
    response
      .writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(Math.ceil(wait)),
        ...(global ? { 'x-ratelimit-global': 'true' } : {}),
        'x-ratelimit-scope': global ? 'global' : 'user',
      })
      .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: wait, global }));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** The `api` option for @discordjs/rest (`DISCORD_API_URL`). */
    api: `http://127.0.0.1:${port}/api`,
    calls,
    messages,
    gateway,
    /** Messages created in a channel (or thread), in order. */
    messagesIn: (channelId: string) => messages.filter((message) => message.channel_id === channelId),
    /** Consulted before every route: an answer it returns replaces the route's (limits, outages). */
    intercept(interceptor: (call: RecordedCall) => Interference | undefined) {
      interceptors.push(interceptor);
    },
    /** Every later post to this channel fails with this Discord error (`thread:<id>` for thread starts). */
    fail(channelId: string, failure: Failure) {
      failures.set(channelId, failure);
    },
    /** The next `times` posts to this channel get a 429 asking to wait `retryAfterSeconds`. */
    rateLimit(channelId: string, retryAfterSeconds: number, times = 1) {
      rateLimits.set(channelId, { times, retryAfterSeconds });
    },
    /** Resolves with the first call (already made or coming) that passes `test`. */
    waitFor(test: (call: RecordedCall) => boolean): Promise<RecordedCall> {
      const seen = calls.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    /**
     * What the user sees for the interaction with this token: the message of the initial response (given, as
     * over HTTP, or else the callback the bot posted), or the edit of `@original` that follows a deferral.
     */
    async answerFor(token: string, initial?: InitialResponse): Promise<SeenAnswer> {
      const first =
        initial ??
        ((await this.waitFor((call) => call.method === 'POST' && call.path.endsWith(`/${token}/callback`)))
          .body as unknown as InitialResponse);
      const flags = Number(first.data?.flags ?? 0);
      if (first.type !== DEFERRED && first.type !== DEFERRED_UPDATE)
        return { deferred: false, flags, data: first.data ?? {} };
      const edit = await this.waitFor(
        (call) => call.method === 'PATCH' && call.path.endsWith(`/${token}/messages/@original`),
      );
      return { deferred: true, flags, data: edit.body as Record<string, unknown> };
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

const DEFERRED = 5;
const DEFERRED_UPDATE = 6;

/** An interaction's initial response (its callback body, or the HTTP response to Discord). */
export interface InitialResponse {
  type: number;
  data?: Record<string, unknown> & { flags?: number };
}

/** A message as the user sees it: `flags` from the first response, `data` from it or from the later edit. */
export interface SeenAnswer {
  deferred: boolean;
  flags: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the message body freely
  data: any;
}
