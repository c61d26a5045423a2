import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpServer,
  type HttpServer,
  RequestBodyTooLargeError,
  readRawBody,
} from '../../src/http/http-server.js';
import { DRAIN_MAX_BYTES } from '../../src/http/unread-body.js';
import { capturingLogger } from '../scheduler/scheduler-fixtures.js';
import { chunkedBody, exchange, rawRequest } from './raw-http.js';

const LIMIT = 100_000;
const log = capturingLogger();
let http: HttpServer;
let port: number;

beforeAll(async () => {
  http = createHttpServer(log.logger);
  http.route(
    '/echo',
    async (request, response) => {
      const body = await readRawBody(request, LIMIT);
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`read ${body.length}\n`);
    },
    { method: 'POST', maxBodyBytes: LIMIT },
  );
  http.route('/sync-throw', () => {
    throw new Error('a handler bug');
  });
  http.route('/async-throw', async () => {
    throw new Error('an async handler bug');
  });
  ({ port } = await http.listen(0, '127.0.0.1'));
});
afterAll(async () => http?.close());

const health = rawRequest('GET', '/healthz');
const post = (size: number) =>
  rawRequest('POST', '/echo', { 'content-length': size }, Buffer.alloc(size, 97));
const postChunked = (size: number) =>
  rawRequest('POST', '/echo', { 'transfer-encoding': 'chunked' }, chunkedBody(size));

describe('the HTTP server', () => {
  it('reads a body within the limit and answers the next request on the same connection', async () => {
    const { responses, closedByServer } = await exchange(port, [post(LIMIT), health]);
    expect(responses.map((response) => [response.status, response.body])).toEqual([
      [200, `read ${LIMIT}\n`],
      [200, 'ok\n'],
    ]);
    expect(closedByServer).toBe(false);
  });

  it('answers 413 to a declared body over the limit without running the handler, then the next request at once', async () => {
    const { responses, closedByServer } = await exchange(port, [post(LIMIT + 1), health]);
    expect(responses.map((response) => response.status)).toEqual([413, 200]);
    expect(responses[0]?.body).toBe(`request body over ${LIMIT} bytes\n`);
    expect(responses[0]?.headers.connection).toBe('keep-alive');
    expect(closedByServer).toBe(false);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'refused a request body over the route limit (413)',
      }),
    );
  });

  it('answers 413 to a chunked body the handler finds too long while reading, then the next request at once', async () => {
    const { responses, closedByServer } = await exchange(port, [postChunked(3 * LIMIT), health]);
    expect(responses.map((response) => response.status)).toEqual([413, 200]);
    expect(closedByServer).toBe(false);
  });

  it('closes the connection after the 413 when the declared body is too long to drain', async () => {
    const size = DRAIN_MAX_BYTES + LIMIT;
    const { responses, closedByServer } = await exchange(port, [post(size), health]);
    expect(responses.map((response) => response.status)).toEqual([413]);
    expect(responses[0]?.headers.connection).toBe('close');
    expect(closedByServer).toBe(true);
  });

  it('closes the connection once a chunked body has gone past what it drains', async () => {
    const { responses, closedByServer } = await exchange(port, [postChunked(DRAIN_MAX_BYTES * 3), health]);
    expect(responses.map((response) => response.status)).toEqual([413]);
    expect(closedByServer).toBe(true);
  });

  it('drains a body nobody reads (a GET with a body, a 404, a 405) and keeps the connection', async () => {
    const body = Buffer.alloc(50_000, 97);
    const { responses, closedByServer } = await exchange(port, [
      rawRequest('GET', '/healthz', { 'content-length': body.length }, body),
      rawRequest('POST', '/nowhere', { 'content-length': body.length }, body),
      rawRequest('GET', '/echo', { 'content-length': body.length }, body),
      health,
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 404, 405, 200]);
    expect(responses[2]?.headers.allow).toBe('POST');
    expect(closedByServer).toBe(false);
  });

  it('applies the default limit to routes that set none', async () => {
    const { responses } = await exchange(port, [
      rawRequest('GET', '/healthz', { 'content-length': 1_000_001 }, Buffer.alloc(1_000_001, 97)),
    ]);
    expect(responses.map((response) => response.status)).toEqual([413]);
  });

  it('answers 400 to a request target that is not a URL, and keeps serving', async () => {
    const { responses } = await exchange(port, [rawRequest('GET', '//['), health]);
    expect(responses.map((response) => [response.status, response.body])).toEqual([
      [400, 'bad request target\n'],
      [200, 'ok\n'],
    ]);
  });

  it('answers 500 when a handler throws, synchronously or not, logs it, and keeps serving', async () => {
    const { responses } = await exchange(port, [
      rawRequest('GET', '/sync-throw'),
      rawRequest('GET', '/async-throw'),
      health,
    ]);
    expect(responses.map((response) => response.status)).toEqual([500, 500, 200]);
    const failures = log.lines.filter((line) => line.message === 'request failed');
    expect(failures.map((line) => (line.fields.error as Error).message)).toEqual([
      'a handler bug',
      'an async handler bug',
    ]);
  });
});

describe('readRawBody', () => {
  it('rejects past the limit with the limit in the error', async () => {
    const { Readable } = await import('node:stream');
    const request = Readable.from([Buffer.alloc(60), Buffer.alloc(60)]);
    const error = await readRawBody(request as never, 100).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestBodyTooLargeError);
    expect(error).toMatchObject({ limitBytes: 100, code: 'request_body_too_large' });
  });
});
