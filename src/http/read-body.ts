import type { IncomingMessage } from 'node:http';

/** A request body longer than its route allows; the HTTP server answers 413 for it. */
export class RequestBodyTooLargeError extends Error {
  override readonly name = 'RequestBodyTooLargeError';
  readonly code = 'request_body_too_large';
  constructor(readonly limitBytes: number) {
    super(`request body over ${limitBytes} bytes`);
  }
}

/** The client went away before its body was complete; nobody is left to answer. */
export class RequestAbortedError extends Error {
  override readonly name = 'RequestAbortedError';
  readonly code = 'request_aborted';
  constructor(options?: ErrorOptions) {
    super('the client closed the connection before sending the whole body', options);
  }
}

/**
 * Reads a request body in full, as the raw bytes signatures are computed over. Past `maxBytes` it stops reading
 * and rejects with `RequestBodyTooLargeError`, leaving the rest unread (not destroyed), so the server can answer
 * 413 and then drain or close the connection.
 */
export function readRawBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        request.pause();
        reject(new RequestBodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(new RequestAbortedError({ cause: error }));
    };
    const onClose = () => {
      stop();
      reject(new RequestAbortedError());
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}
