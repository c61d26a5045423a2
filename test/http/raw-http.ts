import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What came back on one connection: the responses in order, and whether the server closed it. */
export interface RawExchange {
  responses: RawResponse[];
  closedByServer: boolean;
}

/** An HTTP/1.1 request as bytes: a request line, headers (`Host` added) and an optional body. */
export function rawRequest(
  method: string,
  target: string,
  headers: Record<string, string | number> = {},
  body: string | Buffer = '',
): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, 'host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), Buffer.from(body)]);
}

/** A chunked body of `size` bytes of `a`, in 16 KiB chunks, with its terminating chunk. */
export function chunkedBody(size: number): Buffer {
  const parts: Buffer[] = [];
  for (let left = size; left > 0; left -= 16_384) {
    const length = Math.min(left, 16_384);
    parts.push(Buffer.from(`${length.toString(16)}\r\n${'a'.repeat(length)}\r\n`));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/**
 * Writes the requests one after another on one TCP connection (pipelined, as a keep-alive client may) and reads
 * responses until `expected` have arrived or the server closes the connection. A write the server refuses
 * (it closed while a body was still being sent) ends the writing, not the exchange.
 */
export function exchange(port: number, requests: Buffer[], expected = requests.length): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    const responses: RawResponse[] = [];
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ responses, closedByServer });
    };
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let parsed = parseResponse(buffer); parsed; parsed = parseResponse(buffer)) {
        responses.push(parsed.response);
        buffer = buffer.subarray(parsed.length);
        if (responses.length === expected) return finish(false);
      }
    });
    for (const request of requests) socket.write(request);
  });
}

/** One complete response at the start of `bytes` (Content-Length or chunked), or null if more is needed. */
function parseResponse(bytes: Buffer): { response: RawResponse; length: number } | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(' ')[1]);
  let offset = end + 4;
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = bytes.indexOf('\r\n', offset);
      if (lineEnd < 0) return null;
      const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
      if (bytes.length < lineEnd + 2 + size + 2) return null;
      parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
      if (size === 0) break;
    }
    return { response: { status, headers, body: Buffer.concat(parts).toString('utf8') }, length: offset };
  }
  const length = Number(headers['content-length'] ?? 0);
  if (bytes.length < offset + length) return null;
  const body = bytes.subarray(offset, offset + length).toString('utf8');
  return { response: { status, headers, body }, length: offset + length };
}
