import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How much of a body the server reads and throws away after answering early (a 413, or a handler that did not
 * need the body): enough to keep the connection for the client's next request, little enough that a huge
 * upload cannot hold the server. A longer body costs the client its connection instead.
 */
export const DRAIN_MAX_BYTES = 1_048_576;

/** The declared `Content-Length`, or null when the body is chunked (or absent). */
export function declaredLength(request: IncomingMessage): number | null {
  const header = request.headers['content-length'];
  if (header === undefined) return null;
  // Node's parser has rejected a malformed or repeated Content-Length before a request gets here.
  return Number(header);
}

/**
 * Answers 413 for a body over the route's limit. A body declared larger than `DRAIN_MAX_BYTES` is answered with
 * `Connection: close` (Node closes the connection after the answer); a smaller or chunked one keeps it, and
 * `drainUnreadBody` throws the rest away.
 */
export function refuseOversizedBody(request: IncomingMessage, response: ServerResponse, limitBytes: number) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const declared = declaredLength(request);
  const keep = declared === null || declared <= DRAIN_MAX_BYTES;
  response
    .writeHead(413, { 'content-type': 'text/plain', ...(keep ? {} : { connection: 'close' }) })
    .end(`request body over ${limitBytes} bytes\n`);
}

/**
 * Once a response is sent, throws away the part of the request body nobody read, so the connection is ready
 * for the client's next request at once (an unread body would stall it until the keep-alive timeout). Past
 * `DRAIN_MAX_BYTES` the connection is closed instead.
 */
export function drainUnreadBody(request: IncomingMessage): void {
  if (request.complete || request.destroyed) return;
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) request.socket.destroy();
  });
  request.resume();
}
