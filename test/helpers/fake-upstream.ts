import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake server saw it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query, e.g. `/api/daily_papers` or `/rss/cs.LG+cs.CL`. */
  path: string;
  /** Decoded query parameters (the last value wins when one repeats). */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

/** What to answer. `delayMs` holds the answer back, e.g. to outlast a client's timeout. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply;

/**
 * A real HTTP server on 127.0.0.1 that plays Hugging Face or arXiv for the real source code. Each path gets a
 * handler or a script of replies; every request is recorded so tests can check headers, query and attempts.
 *
 * @example
 * const upstream = await startFakeUpstream();
 * upstream.script('/api/daily_papers', [{ status: 500 }, { body: '[]' }]);
 * // ... run the code against upstream.url ...
 * await upstream.close();
 */
export interface FakeUpstream {
  /** `http://127.0.0.1:{port}`, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  /** Answers every request to `path` with `handler`. */
  route(path: string, handler: FakeHandler): void;
  /** Answers the n-th request to `path` with `replies[n]`; the last reply repeats. */
  script(path: string, replies: FakeReply[]): void;
  /** Stops the server, dropping held-back replies and open connections. */
  close(): Promise<void>;
}

export const startFakeUpstream = async (): Promise<FakeUpstream> => {
  const routes = new Map<string, FakeHandler>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    };
    requests.push(recorded);
    const handler = routes.get(recorded.path);
    const reply: FakeReply = handler
      ? handler(recorded)
      : { status: 404, body: `no route for ${recorded.path}` };
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body ?? '');
    };
    if (!reply.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, reply.delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    route: (path, handler) => {
      routes.set(path, handler);
    },
    script: (path, replies) => {
      let next = 0;
      routes.set(path, () => {
        const reply = replies[Math.min(next, replies.length - 1)];
        next += 1;
        if (!reply) throw new Error(`empty script for ${path}`);
        return reply;
      });
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

/** Serves a Daily Papers day from `items` in pages of `pageSize`, honouring `p` like the real API (0-based). */
export const hfDayPages =
  (items: readonly unknown[], pageSize: number): FakeHandler =>
  (request) => {
    const page = Number(request.query.p ?? '0');
    const slice = items.slice(page * pageSize, (page + 1) * pageSize);
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(slice) };
  };
