import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';

/** Handles one request; the raw body is not read for it, so signature checks can read it themselves. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  /** Routes an exact path (any method unless given), or every path under a prefix ending in `/*`. */
  route(path: string, handler: RouteHandler, method?: string): void;
  listen(port: number, host?: string): Promise<{ port: number }>;
  close(): Promise<void>;
  readonly server: Server;
}

/**
 * The bot's one HTTP server: Slack (`/slack/...`), Discord (`/discord/interactions`) and health routes mount on
 * it. `GET /healthz` answers while the process is up.
 *
 * @example
 * const http = createHttpServer(logger);
 * http.route('/slack/*', slackHandler);
 * await http.listen(3000);
 */
export function createHttpServer(logger: Logger): HttpServer {
  const exact = new Map<string, { handler: RouteHandler; method?: string }>();
  const prefixes: { prefix: string; handler: RouteHandler; method?: string }[] = [];
  const log = logger.child({ component: 'http' });

  let requests = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const started = performance.now();
    const requestLog = log.child({ request: ++requests, method: request.method, path });
    response.once('finish', () =>
      requestLog.debug('request answered', {
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      }),
    );
    const route =
      exact.get(path) ??
      prefixes.find((candidate) => path === candidate.prefix || path.startsWith(`${candidate.prefix}/`));
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (route.method && request.method !== route.method) {
      response
        .writeHead(405, { allow: route.method, 'content-type': 'text/plain' })
        .end('method not allowed\n');
      return;
    }
    Promise.resolve(route.handler(request, response)).catch((error: unknown) => {
      requestLog.error('request failed', { error });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      if (!response.writableEnded) response.end('internal error\n');
    });
  });

  const api: HttpServer = {
    server,
    route(path, handler, method) {
      if (path.endsWith('/*')) {
        const entry = { prefix: path.slice(0, -2), handler, ...(method ? { method } : {}) };
        prefixes.push(entry);
      } else {
        exact.set(path, { handler, ...(method ? { method } : {}) });
      }
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve({ port: (server.address() as AddressInfo).port }));
      });
    },
    close() {
      server.closeIdleConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  api.route(
    '/healthz',
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    },
    'GET',
  );
  return api;
}

/** Reads a request body in full (limited to `maxBytes`), as the raw bytes signatures are computed over. */
export async function readRawBody(request: IncomingMessage, maxBytes = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) throw new Error(`request body over ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
