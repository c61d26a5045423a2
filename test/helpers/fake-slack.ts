import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeConversations } from './fake-slack-conversations.js';
import { createFakeFiles } from './fake-slack-files.js';
import { createFakeMessages } from './fake-slack-messages.js';
import { createFakeUnfurls } from './fake-slack-unfurls.js';
import { createFakeViews } from './fake-slack-views.js';

/** One Web API call the fake received. */
export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  /** The bearer token of the call (from the header or the `token` parameter). */
  token: string | null;
}

/** A call and what the fake answered it. */
export interface AnsweredCall {
  call: SlackCall;
  answer: Record<string, unknown>;
}

/** What the fake answers instead of its default: a status with `Retry-After`, or a body. */
export type FakeReply =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 }
  | { body: Record<string, unknown> };

export type FakeRule = (params: Record<string, unknown>, call: SlackCall) => FakeReply | undefined;

/**
 * A local fake of Slack's Web API (`http://127.0.0.1:<port>/api/<method>`) for web-api clients pointed at it with
 * `slackApiUrl`. It records every call and answers `auth.test`, `chat.postMessage`, `chat.update`,
 * `chat.getPermalink`, `chat.unfurl`, `users.info`, `users.conversations`, `conversations.info`, `conversations.open`,
 * `views.open`, `views.push`, `views.update`, `views.publish`,
 * `files.getUploadURLExternal` (and the upload URL it gives, under `/upload/`), `files.completeUploadExternal`,
 * `apps.connections.open` and `oauth.v2.access` like Slack does, keeping the messages posted (`messages`), the
 * files shared (`files`) and the link cards taken (`unfurls`) and enforcing Slack's rules on them (see
 * `fake-slack-messages.ts`, `fake-slack-files.ts`, `fake-slack-unfurls.ts`, `fake-slack-views.ts`,
 * `fake-slack-conversations.ts`); `grantScopes` says which scopes a
 * token has (unknown tokens have them all); `rule` makes a method answer 429 + `Retry-After`, 500, or
 * `{ ok: false, error }` when its function says so; `clock` is the fake time `trigger_id`s expire on.
 *
 * @example
 * const slack = await startFakeSlack();
 * slack.rule('chat.postMessage', (params) => (params.channel === 'CGONE' ? slackError('channel_not_found') : undefined));
 */
export async function startFakeSlack(
  options: {
    teamId?: string;
    botUserId?: string;
    /** How long a `trigger_id` is good for on the fake's clock (default: Slack's 3 seconds). */
    triggerTtlMs?: number;
  } = {},
) {
  const calls: SlackCall[] = [];
  const rules = new Map<string, FakeRule[]>();
  const admins = new Set<string>();
  let socketUrl = '';
  let port = 0;
  const teamId = options.teamId ?? 'T1';
  const botUserId = options.botUserId ?? 'UBOT';
  const messages = createFakeMessages(botUserId);
  const scopes = new Map<string, readonly string[]>();
  const unfurls = createFakeUnfurls({ scopesOf: (token) => scopes.get(token) });
  const files = createFakeFiles((id) => `http://127.0.0.1:${port}/upload/${id}`);
  const conversations = createFakeConversations();
  const clock = createFakeClock();
  const views = createFakeViews(teamId, {
    now: clock.now,
    ...(options.triggerTtlMs === undefined ? {} : { triggerTtlMs: options.triggerTtlMs }),
  });
  const waiters: { method: string; resolve: (answered: AnsweredCall) => void }[] = [];

  const defaults: Record<
    string,
    (params: Record<string, unknown>, token: string | null) => Record<string, unknown>
  > = {
    ...messages.methods,
    ...files.methods,
    ...unfurls.methods,
    ...conversations.methods,
    ...views.methods,
    'auth.test': () => ({
      ok: true,
      user_id: botUserId,
      bot_id: 'BBOT',
      team_id: teamId,
      team: 'Test',
      url: 'https://test.slack.com/',
    }),
    'users.info': (params) => ({
      ok: true,
      user: {
        id: params.user,
        is_admin: admins.has(String(params.user)),
        is_owner: false,
        is_primary_owner: false,
      },
    }),
    'conversations.open': (params) =>
      typeof params.users === 'string' && /^[UW][A-Z0-9]+$/.test(params.users)
        ? { ok: true, channel: { id: `D${params.users.slice(1)}` } }
        : { ok: false, error: 'users_list_not_supplied' },
    'apps.connections.open': () => ({ ok: true, url: socketUrl }),
    'oauth.v2.access': () => ({
      ok: true,
      access_token: 'xoxb-installed-token',
      token_type: 'bot',
      scope:
        'commands,chat:write,users:read,channels:read,groups:read,reactions:read,files:write,im:write,links:read,links:write',
      bot_user_id: 'UBOT2',
      app_id: 'A1',
      team: { id: 'T2', name: 'Second' },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: 'U2' },
    }),
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path.startsWith('/upload/')) {
        const uploaded = await files.upload(path.slice('/upload/'.length), request);
        response.writeHead(uploaded.status, { 'content-type': 'text/plain' }).end(uploaded.body);
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const params = await readParams(request);
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
      const call: SlackCall = {
        method,
        params,
        token: bearer ?? (typeof params.token === 'string' ? params.token : null),
      };
      calls.push(call);
      clock.spend(method);
      let reply: FakeReply | undefined;
      for (const rule of rules.get(method) ?? []) {
        reply = rule(params, call);
        if (reply) break;
      }
      if (reply && 'status' in reply) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (reply.status === 429) headers['retry-after'] = String(reply.retryAfterSeconds);
        response
          .writeHead(reply.status, headers)
          .end(JSON.stringify({ ok: false, error: reply.status === 429 ? 'ratelimited' : 'internal_error' }));
        return;
      }
      const body = reply?.body ??
        defaults[method]?.(params, call.token) ?? { ok: false, error: 'unknown_method' };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      for (const waiter of waiters.filter((entry) => entry.method === method)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve({ call, answer: body });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    /** For web-api's `slackApiUrl` (with the trailing slash) and for `SLACK_API_URL` (without). */
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo: (method: string) => calls.filter((call) => call.method === method),
    /** The messages in the fake's channels, as `chat.postMessage` and `chat.update` left them. */
    messages: {
      at: messages.message,
      all: messages.all,
      seed: messages.seed,
      ephemerals: messages.ephemerals,
    },
    /** The files shared through `files.completeUploadExternal`. */
    files: files.shared,
    /** The link cards Slack took through `chat.unfurl`, in order. */
    unfurls: unfurls.taken,
    /** The scopes `token` has from now on (methods that need another answer `missing_scope`). */
    grantScopes(token: string, granted: readonly string[]) {
      scopes.set(token, granted);
    },
    botUserId,
    rule(method: string, rule: FakeRule) {
      rules.set(method, [...(rules.get(method) ?? []), rule]);
    },
    makeAdmin: (userId: string) => admins.add(userId),
    /**
     * The fake's clock, which only `trigger_id`s read: it stands still unless told, so no test depends on how fast
     * the machine is. `advance(ms)` moves it; `slowDown(method, ms)` makes each call of `method` take `ms` on it
     * (0 takes it back), as a slow Slack would.
     */
    clock: { now: clock.now, advance: clock.advance, slowDown: clock.slowDown },
    /** Channel membership: `join(user, channels)` for `users.conversations`, `removeBot(channel)` for `conversations.info`. */
    conversations: { join: conversations.join, removeBot: conversations.removeBot },
    /** The modals and App Homes paperboy opened, pushed, updated and published (see `fake-slack-views.ts`). */
    views,
    /**
     * The next call of `method` from now on, with the fake's answer. Ask before doing what makes it, so that
     * waiting for a call made after an ack (an App Home, a modal opened from a click) needs no timing.
     */
    nextCall(method: string): Promise<AnsweredCall> {
      return new Promise((resolve) => waiters.push({ method, resolve }));
    },
    setSocketUrl(url: string) {
      socketUrl = url;
    },
    reset() {
      calls.length = 0;
      rules.clear();
      admins.clear();
      messages.clear();
      files.clear();
      unfurls.clear();
      scopes.clear();
      conversations.clear();
      views.clear();
      clock.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** A clock that moves only when told, or when a slowed-down method is called. */
function createFakeClock() {
  let nowMs = Date.parse('2026-06-13T12:00:00Z');
  const costs = new Map<string, number>();
  const advance = (ms: number) => {
    nowMs += ms;
  };
  return {
    now: () => nowMs,
    advance,
    slowDown(method: string, ms: number) {
      if (ms > 0) costs.set(method, ms);
      else costs.delete(method);
    },
    spend: (method: string) => advance(costs.get(method) ?? 0),
    clear: () => costs.clear(),
  };
}

export const slackError = (error: string): FakeReply => ({ body: { ok: false, error } });

/**
 * web-api posts form-encoded parameters, with `blocks` as a JSON string; JSON bodies are read too. `unfurls` is
 * left as sent when it is not JSON, for `chat.unfurl` to refuse.
 */
async function readParams(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments']) {
    if (typeof params[key] === 'string') params[key] = JSON.parse(params[key] as string);
  }
  if (typeof params.unfurls === 'string') {
    try {
      params.unfurls = JSON.parse(params.unfurls);
    } catch {
      // chat.unfurl answers invalid_unfurls
    }
  }
  return params;
}
