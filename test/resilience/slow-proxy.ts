import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of a fake platform that is slow to answer: it forwards each request at once (so the
 * fake acts on it, as the platform would) and holds the answer back for `delayMs()` when `slow(path)` says so.
 * A post the client gives up on has still been made.
 */
export async function startSlowProxy(options: {
  target: string;
  slow: (path: string) => boolean;
  delayMs: () => number;
}) {
  const target = new URL(options.target);
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const relay = () => {
            if (outgoing.destroyed) return;
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
          };
          if (options.slow(incoming.url ?? '')) setTimeout(relay, options.delayMs());
          else relay();
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The proxy's address with the target's path, e.g. `http://127.0.0.1:<port>/api/`. */
    url: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
