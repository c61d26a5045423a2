import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message Slack would have received on a `response_url`. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

/**
 * A fake of Slack's `response_url` endpoints: `url(id)` gives a URL to put in a slash command or an action, and
 * every JSON POST to it is recorded under that id. `waitFor` resolves when enough posts arrived.
 */
export async function startResponseUrlReceiver() {
  const posts: ResponseUrlPost[] = [];
  // Indexed by id, so a benchmark's thousands of commands stay cheap to record and wait for.
  const byId = new Map<string, ResponseUrlPost[]>();
  const waiters = new Map<string, { count: number; resolve: () => void }[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = decodeURIComponent(
        new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/respond\//, ''),
      );
      const post = {
        id,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      };
      posts.push(post);
      byId.set(id, [...postsFor(id), post]);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      const waiting = waiters.get(id) ?? [];
      const done = waiting.filter((waiter) => postsFor(id).length >= waiter.count);
      waiters.set(
        id,
        waiting.filter((waiter) => !done.includes(waiter)),
      );
      for (const waiter of done) waiter.resolve();
    });
  });
  const postsFor = (id: string): ResponseUrlPost[] => byId.get(id) ?? [];
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    posts,
    postsFor,
    url: (id: string) => `http://127.0.0.1:${port}/respond/${encodeURIComponent(id)}`,
    waitFor(id: string, count = 1, timeoutMs = 20_000): Promise<ResponseUrlPost[]> {
      if (postsFor(id).length >= count) return Promise.resolve(postsFor(id));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${count} response_url post(s) for ${id}`)),
          timeoutMs,
        );
        waiters.set(id, [
          ...(waiters.get(id) ?? []),
          {
            count,
            resolve: () => {
              clearTimeout(timer);
              resolve(postsFor(id));
            },
          },
        ]);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ResponseUrlReceiver = Awaited<ReturnType<typeof startResponseUrlReceiver>>;

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A slash command's form body, as Slack sends it. */
export function slashCommandBody(fields: {
  text: string;
  responseUrl: string;
  teamId?: string;
  channelId?: string;
  userId?: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId ?? 'T1',
    team_domain: 'test',
    channel_id: fields.channelId ?? 'C1',
    channel_name: 'papers',
    user_id: fields.userId ?? 'U1',
    user_name: 'ada',
    command: '/papers',
    text: fields.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '123.456.abc',
  }).toString();
}

/**
 * POSTs a body to a URL signed as Slack would (`headers` can override or drop the signature headers), and
 * returns the status, the body and how long the answer took.
 */
export async function postSigned(
  url: string,
  body: string,
  options: {
    secret: string;
    timestamp?: number;
    contentType?: string;
    headers?: Record<string, string | null>;
  },
): Promise<{ status: number; text: string; ms: number }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(options.secret, timestamp, body),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}
