import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RecordedFile, readDiscordBody } from './fake-discord-body.js';
import { createFakeGateway, type FakeGateway, type PrivilegedIntent } from './fake-discord-gateway.js';
import {
  type AnsweredInteraction,
  commandDefinitionError,
  componentLimitError,
  interactionResponseError,
  messageLimitError,
} from './fake-discord-limits.js';

export interface RecordedCall {
  method: string;
  /** The path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  /** The JSON body, or a multipart request's `payload_json`. */
  body: Record<string, unknown> | unknown[] | null;
  /** The files of a multipart request (`files[n]`). */
  files?: RecordedFile[];
  authorization: string | undefined;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  nonce?: string;
  body: Record<string, unknown>;
  /** Only its interaction's user sees it; nobody can edit it through the channel. */
  ephemeral?: boolean;
  /** The interaction whose answer it is (its `@original` or a follow-up). */
  interactionToken?: string;
  attachments?: { id: string; filename: string; size: number; content_type: string; text: string }[];
}

type Failure = { status: number; code: number; message: string };

/** What an interceptor answers instead of the route: a 429 (per route or global) or a 500. */
export type Interference = { status: 429; retryAfterSeconds: number; global: boolean } | { status: 500 };

const EPHEMERAL = 64;

/**
 * A local Discord REST API (`http://127.0.0.1:<port>/api`, paths `/api/v10/...`) for tests, at the network
 * edge: it records every call; reads JSON and multipart bodies (`payload_json` and `files[n]`, within the
 * attachment limits); creates messages (validating Discord's length and component limits with 400 / 50035, and
 * `nonce` + `enforce_nonce`: a repeated nonce returns the first message); edits them (only an existing,
 * non-ephemeral message of that channel: 10008 Unknown Message otherwise); starts threads from messages;
 * validates and answers command PUTs (`commandDefinitionError`); answers interaction callbacks (each checked
 * against the interaction it answers, `interactionResponseError`: updates only for clicks, modals within their
 * limits; over HTTP `answeredOverHttp` checks the same and throws), `@original` edits,
 * reads and deletes, and follow-ups, keeping the messages they make in the interaction's channel; sends rate-limit headers on every answer and 429s with
 * `retry_after` when told; and hands out a local gateway from `GET /gateway/bot`.
 *
 * @example
 * const discord = await startFakeDiscord({ applicationId: '100000000000000001' });
 * const rest = new REST({ api: discord.api }).setToken('test');
 * await discord.close();
 */
export async function startFakeDiscord(options: {
  applicationId: string;
  attachmentLimit?: number;
  /** The privileged intents the app has switched on in the Developer Portal (none by default, as for a new app). */
  privilegedIntents?: PrivilegedIntent[];
}) {
  const calls: RecordedCall[] = [];
  const messages: FakeMessage[] = [];
  const edits: { channelId: string; messageId: string; body: Record<string, unknown> }[] = [];
  const threads = new Map<string, string>();
  const failures = new Map<string, Failure>();
  const rateLimits = new Map<string, { times: number; retryAfterSeconds: number }>();
  const interceptors: ((call: RecordedCall) => Interference | undefined)[] = [];
  const waiters: { test: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] = [];
  /** The channel each interaction came from, by token (gateway dispatches, or `sawInteraction`). */
  const interactionChannels = new Map<string, string>();
  /** What each interaction was (its type, and the message a click or a modal came from), by token. */
  const interactionKinds = new Map<string, AnsweredInteraction & { messageId?: string }>();
  /** Interaction answers (callbacks, edits of `@original`) refused as Discord would refuse them, in order. */
  const refusedAnswers: { path: string; message: string }[] = [];
  /** The modals interactions were answered with (type 9), by token. */
  const modals = new Map<string, Record<string, unknown>>();
  const originals = new Map<string, FakeMessage>();
  /** Messages deleted (an interaction's `@original`), in order. */
  const deleted: FakeMessage[] = [];
  const attachmentLimit = options.attachmentLimit ?? 10 * 1024 * 1024;
  let nextId = 200_000_000_000_000_000n;
  const snowflake = () => String(nextId++);
  const gateway: FakeGateway = await createFakeGateway({
    applicationId: options.applicationId,
    privilegedIntents: options.privilegedIntents ?? [],
  });
  const dispatch = gateway.dispatch.bind(gateway);
  gateway.dispatch = (t: string, d: unknown) => {
    if (t === 'INTERACTION_CREATE') sawInteraction(d);
    dispatch(t, d);
  };

  function sawInteraction(body: unknown) {
    const { token, channel_id, channel, type, message } = (body ?? {}) as {
      token?: string;
      channel_id?: string;
      channel?: { id?: string };
      type?: unknown;
      message?: { id?: unknown };
    };
    const channelId = channel_id ?? channel?.id;
    if (typeof token === 'string' && typeof channelId === 'string') interactionChannels.set(token, channelId);
    if (typeof token === 'string' && typeof type === 'number') {
      const messageId = typeof message?.id === 'string' ? message.id : undefined;
      interactionKinds.set(token, {
        type,
        fromMessage: messageId !== undefined,
        ...(messageId ? { messageId } : {}),
      });
    }
  }

  /** Why Discord would refuse this answer to the interaction with `token`, or null. */
  function invalidResponse(token: string, answer: InitialResponse, files?: RecordedFile[]): Failure | null {
    const problem =
      interactionResponseError(answer, interactionKinds.get(token), (files?.length ?? 0) > 0) ??
      ((answer.type === 4 || answer.type === 7) && files?.length
        ? invalidMessage(answer.data ?? {}, files)?.message
        : null);
    if (!problem) return null;
    return {
      status: 400,
      code: 50035,
      message: problem.startsWith('Invalid Form Body') ? problem : `Invalid Form Body: ${problem}`,
    };
  }

  /** What an accepted answer does: a message (4, 5) is the interaction's; an update (7) redraws the one clicked; a modal is kept. */
  function answered(token: string, answer: InitialResponse, files?: RecordedFile[]) {
    const data = answer.data ?? {};
    if (answer.type === 4 || answer.type === DEFERRED)
      originals.set(token, interactionMessage(token, data, files));
    if (answer.type === 9) modals.set(token, data);
    const clicked = clickedMessage(token);
    if (answer.type === 7 && clicked) clicked.body = { ...clicked.body, ...data };
  }

  /** The message a click (or a modal opened from a message) came from, when the fake has it. */
  const clickedMessage = (token: string): FakeMessage | undefined => {
    const messageId = interactionKinds.get(token)?.messageId;
    return messageId === undefined ? undefined : messages.find((message) => message.id === messageId);
  };

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

  /** The first broken limit of a message body (length, components); files make a body without text valid. */
  const invalidMessage = (body: Record<string, unknown>, files: RecordedFile[] = []): Failure | null => {
    const problem =
      componentLimitError(body.components) ??
      (files.length > 0 && !body.embeds && !body.content ? null : messageLimitError(body));
    return problem ? { status: 400, code: 50035, message: `Invalid Form Body: ${problem}` } : null;
  };

  const attachmentsOf = (files: RecordedFile[] = []): FakeMessage['attachments'] =>
    files.map((file) => ({
      id: snowflake(),
      filename: file.name,
      size: file.size,
      content_type: file.contentType,
      text: file.text,
    }));

  const answerWith = (message: FakeMessage) => ({
    id: message.id,
    channel_id: message.channel_id,
    ...message.body,
    attachments: message.attachments ?? [],
  });

  /** A 429 for the next `times` requests under `key`, as Discord sends it. */
  function limited(key: string, bucket: string, response: ServerResponse): boolean {
    const limit = rateLimits.get(key);
    if (!limit || limit.times <= 0) return false;
    limit.times -= 1;
    const retryAfter = limit.retryAfterSeconds;
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
    return true;
  }

  function createMessage(call: RecordedCall, channelId: string, response: ServerResponse) {
    const body = (call.body ?? {}) as Record<string, unknown>;
    const bucket = `messages-${channelId}`;
    const failure = failures.get(channelId);
    if (failure) return error(response, failure, bucket);
    if (limited(channelId, bucket, response)) return;
    const invalid = invalidMessage(body, call.files);
    if (invalid) return error(response, invalid, bucket);
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
    const message: FakeMessage = repeated ?? {
      id: snowflake(),
      channel_id: channelId,
      body,
      ...(nonce ? { nonce } : {}),
      attachments: attachmentsOf(call.files),
    };
    if (!repeated) messages.push(message);
    send(response, 200, answerWith(message), bucket);
  }

  function editMessage(call: RecordedCall, channelId: string, messageId: string, response: ServerResponse) {
    const body = (call.body ?? {}) as Record<string, unknown>;
    const bucket = `messages-${channelId}`;
    if (limited(`edit:${channelId}`, bucket, response)) return;
    const message = messages.find(
      (candidate) => candidate.id === messageId && candidate.channel_id === channelId && !candidate.ephemeral,
    );
    if (!message) return error(response, { status: 404, code: 10008, message: 'Unknown Message' }, bucket);
    const edited = { ...message.body, ...body };
    const invalid = invalidMessage(edited, call.files);
    if (invalid) return error(response, invalid, bucket);
    message.body = edited;
    edits.push({ channelId, messageId, body });
    send(response, 200, answerWith(message), bucket);
  }

  /** The message an interaction's answer makes, in the channel the interaction came from. */
  function interactionMessage(token: string, body: Record<string, unknown>, files?: RecordedFile[]) {
    const message: FakeMessage = {
      id: snowflake(),
      channel_id: interactionChannels.get(token) ?? 'unknown',
      body,
      interactionToken: token,
      ephemeral: (Number(body.flags ?? 0) & EPHEMERAL) !== 0,
      attachments: attachmentsOf(files),
    };
    messages.push(message);
    return message;
  }

  function callback(call: RecordedCall, token: string, response: ServerResponse) {
    const answer = (call.body ?? {}) as unknown as InitialResponse;
    const invalid = invalidResponse(token, answer, call.files);
    if (invalid) {
      refusedAnswers.push({ path: call.path, message: invalid.message });
      return error(response, invalid);
    }
    answered(token, answer, call.files);
    return send(response, 204, null);
  }

  function editOriginal(call: RecordedCall, token: string, response: ServerResponse) {
    const body = (call.body ?? {}) as Record<string, unknown>;
    // After a click's deferred update (6), `@original` is the message clicked.
    const existing = originals.get(token) ?? clickedMessage(token);
    const edited = { ...(existing?.body ?? {}), ...body };
    const invalid = invalidMessage(edited, call.files);
    if (invalid) {
      refusedAnswers.push({ path: call.path, message: invalid.message });
      return error(response, invalid);
    }
    if (!existing) {
      // Over HTTP the initial response never reaches this fake: its edit makes the message.
      const message = interactionMessage(token, body, call.files);
      originals.set(token, message);
      return send(response, 200, answerWith(message));
    }
    existing.body = edited;
    if (call.files?.length)
      existing.attachments = [...(existing.attachments ?? []), ...(attachmentsOf(call.files) ?? [])];
    return send(response, 200, answerWith(existing));
  }

  function readOriginal(token: string, response: ServerResponse) {
    const existing = originals.get(token);
    if (!existing) return error(response, { status: 404, code: 10008, message: 'Unknown Message' });
    return send(response, 200, answerWith(existing));
  }

  function deleteOriginal(token: string, response: ServerResponse) {
    const existing = originals.get(token);
    if (!existing) return error(response, { status: 404, code: 10008, message: 'Unknown Message' });
    originals.delete(token);
    messages.splice(messages.indexOf(existing), 1);
    deleted.push(existing);
    return send(response, 204, null);
  }

  function followUp(call: RecordedCall, token: string, response: ServerResponse) {
    const body = (call.body ?? {}) as Record<string, unknown>;
    const invalid = invalidMessage(body, call.files);
    if (invalid) return error(response, invalid);
    return send(response, 200, answerWith(interactionMessage(token, body, call.files)));
  }

  function route(call: RecordedCall, response: ServerResponse) {
    const { method, path } = call;
    const body = (call.body ?? {}) as Record<string, unknown>;
    const on = (verb: string, pattern: RegExp) => (method === verb ? pattern.exec(path) : null);
    const created = on('POST', /^\/channels\/(\d+)\/messages$/);
    const edited = on('PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/);
    const thread = on('POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/);
    const commands = on('PUT', /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    const answered = on('POST', /^\/interactions\/\d+\/([^/]+)\/callback$/);
    const original = on('PATCH', /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/);
    const readBack = on('GET', /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/);
    const removed = on('DELETE', /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/);
    const followed = on('POST', /^\/webhooks\/\d+\/([^/]+)$/);
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
    if (created) return createMessage(call, created[1] ?? '', response);
    if (edited) return editMessage(call, edited[1] ?? '', edited[2] ?? '', response);
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
      const problem = commandDefinitionError(call.body);
      if (problem)
        return error(response, { status: 400, code: 50035, message: `Invalid Form Body: ${problem}` });
      const list = call.body as Record<string, unknown>[];
      return send(
        response,
        200,
        list.map((command) => ({ id: snowflake(), application_id: commands[1], ...command })),
      );
    }
    if (answered) return callback(call, answered[1] ?? '', response);
    if (original) return editOriginal(call, original[1] ?? '', response);
    if (readBack) return readOriginal(readBack[1] ?? '', response);
    if (removed) return deleteOriginal(removed[1] ?? '', response);
    if (followed) return followUp(call, followed[1] ?? '', response);
    return error(response, { status: 404, code: 0, message: '404: Not Found' });
  }

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const read = await readDiscordBody(request, Buffer.concat(chunks), attachmentLimit);
    const call: RecordedCall = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
      body: read.body,
      ...(read.files ? { files: read.files } : {}),
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
    if (read.problem) return error(response, read.problem);
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
    /** Every accepted edit of a channel message (`PATCH /channels/{id}/messages/{id}`), in order. */
    edits,
    gateway,
    /** Messages created in a channel (or thread), in order. */
    messagesIn: (channelId: string) => messages.filter((message) => message.channel_id === channelId),
    /** The message an interaction's initial response (or its edit) made, by the interaction's token. */
    originalOf: (token: string) => originals.get(token),
    /**
     * Tells the fake an interaction reached the bot some other way than its gateway (signed HTTP), so the
     * messages its answer makes are kept in its channel.
     */
    sawInteraction,
    /**
     * Tells the fake the bot answered an interaction in the HTTP response (which never reaches it), so the message
     * that answer makes exists, as Discord makes it once it reads the answer.
     */
    answeredOverHttp(token: string, initial: InitialResponse) {
      const invalid = invalidResponse(token, initial);
      if (invalid)
        throw new Error(
          `Discord would refuse this answer (${invalid.status}, ${invalid.code}): ${invalid.message}`,
        );
      // An edit that came first (the bot edits as soon as it has answered) already made the message.
      if (originals.has(token) && (initial.type === 4 || initial.type === DEFERRED)) return;
      answered(token, initial);
    },
    /** Interaction answers refused as Discord would refuse them (a test expects none). */
    refusedAnswers,
    /** The modal an interaction was answered with (type 9), by the interaction's token. */
    modalOf: (token: string) => modals.get(token),
    /** Messages deleted (an interaction's `@original`), in order. */
    deleted,
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
    /** The next `times` message edits in this channel get a 429 asking to wait `retryAfterSeconds`. */
    rateLimitEdits(channelId: string, retryAfterSeconds: number, times = 1) {
      rateLimits.set(`edit:${channelId}`, { times, retryAfterSeconds });
    },
    /** Resolves with the first call (already made or coming) that passes `test`. */
    waitFor(test: (call: RecordedCall) => boolean): Promise<RecordedCall> {
      const seen = calls.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    /**
     * What the user sees for the interaction with this token: the message of the initial response (given, as
     * over HTTP, or else the callback the bot posted), or the edit of `@original` that follows a deferral (with
     * the files it attached).
     */
    async answerFor(token: string, initial?: InitialResponse): Promise<SeenAnswer> {
      const first =
        initial ??
        ((await this.waitFor((call) => call.method === 'POST' && call.path.endsWith(`/${token}/callback`)))
          .body as unknown as InitialResponse);
      const flags = Number(first.data?.flags ?? 0);
      if (first.type !== DEFERRED && first.type !== DEFERRED_UPDATE)
        return { deferred: false, flags, data: first.data ?? {}, files: [] };
      const edit = await this.waitFor(
        (call) => call.method === 'PATCH' && call.path.endsWith(`/${token}/messages/@original`),
      );
      return { deferred: true, flags, data: edit.body as Record<string, unknown>, files: edit.files ?? [] };
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
  /** Files attached by the edit of `@original`. */
  files: RecordedFile[];
}
