import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';
import { RequestAbortedError, RequestBodyTooLargeError } from './read-body.js';
import { declaredLength, drainUnreadBody, refuseOversizedBody } from './unread-body.js';

export { RequestAbortedError, RequestBodyTooLargeError, readRawBody } from './read-body.js';

/** Handles one request; the raw body is not read for it, so signature checks can read it themselves. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface RouteOptions {
  /** The only method the route answers (405 for others); any method when unset. */
  method?: string;
  /** The largest body the route takes (default `DEFAULT_MAX_BODY_BYTES`); longer ones get 413. */
  maxBodyBytes?: number;
}

/** The body limit of a route that sets none: far more than any request paperboy expects. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

export interface HttpServer {
  /**
   * Routes an exact path, or every path under a prefix ending in `/*`. The options are the route's method (a
   * string is the method) and body limit.
   */
  route(path: string, handler: RouteHandler, options?: string | RouteOptions): void;
  listen(port: number, host?: string): Promise<{ port: number }>;
  close(): Promise<void>;
  readonly server: Server;
}

interface Route {
  handler: RouteHandler;
  method: string | undefined;
  maxBodyBytes: number;
}

const plain = (
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) => response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(text);

/** The path of a request target, or null when it is not one (`//[` would make `new URL` throw). */
function requestPath(target: string | undefined): string | null {
  if (!URL.canParse(target ?? '/', 'http://localhost')) return null;
  return new URL(target ?? '/', 'http://localhost').pathname;
}

/**
 * The bot's one HTTP server: Slack (`/slack/...`), Discord (`/discord/interactions`) and health routes mount on
 * it. `GET /healthz` answers while the process is up. Whatever a request holds, the server answers it: 400 for
 * a target that is not a URL, 404 and 405, 413 for a body over the route's limit (checked against
 * `Content-Length` before the handler runs, and by `readRawBody` while it reads), 500 when a handler fails.
 * A body nobody read is drained after the answer (or the connection closed, past `DRAIN_MAX_BYTES`), so the
 * client's next request on the connection is answered at once.
 *
 * @example
 * const http = createHttpServer(logger);
 * http.route('/slack/*', slackHandler, { maxBodyBytes: 1_000_000 });
 * await http.listen(3000);
 */
export function createHttpServer(logger: Logger): HttpServer {
  const exact = new Map<string, Route>();
  const prefixes: (Route & { prefix: string })[] = [];
  const log = logger.child({ component: 'http' });

  let requests = 0;
  const server = createServer((request, response) => {
    const path = requestPath(request.url);
    const started = performance.now();
    const requestLog = log.child({ request: ++requests, method: request.method, path: path ?? request.url });
    response.once('finish', () => {
      drainUnreadBody(request);
      requestLog.debug('request answered', {
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    if (path === null) return plain(response, 400, 'bad request target\n');
    const route =
      exact.get(path) ??
      prefixes.find((candidate) => path === candidate.prefix || path.startsWith(`${candidate.prefix}/`));
    if (!route) return plain(response, 404, 'not found\n');
    if (route.method && request.method !== route.method)
      return plain(response, 405, 'method not allowed\n', { allow: route.method });
    if ((declaredLength(request) ?? 0) > route.maxBodyBytes) {
      requestLog.warn('refused a request body over the route limit (413)', { limit: route.maxBodyBytes });
      return refuseOversizedBody(request, response, route.maxBodyBytes);
    }
    new Promise<void>((resolve) => resolve(route.handler(request, response))).catch((error: unknown) => {
      if (error instanceof RequestBodyTooLargeError) {
        requestLog.warn('refused a request body over the route limit (413)', { limit: error.limitBytes });
        return refuseOversizedBody(request, response, error.limitBytes);
      }
      if (error instanceof RequestAbortedError) return requestLog.debug('the client went away', { error });
      requestLog.error('request failed', { error });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      if (!response.writableEnded) response.end('internal error\n');
    });
  });

  const api: HttpServer = {
    server,
    route(path, handler, options) {
      const { method, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } =
        typeof options === 'string' ? { method: options } : (options ?? {});
      const route: Route = { handler, method, maxBodyBytes };
      if (path.endsWith('/*')) prefixes.push({ ...route, prefix: path.slice(0, -2) });
      else exact.set(path, route);
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
      plain(response, 200, 'ok\n');
    },
    'GET',
  );
  return api;
}
