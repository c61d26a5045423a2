import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPinoLogger, redact } from '../../src/logging/pino-logger.js';

function capture(level: 'debug' | 'info' = 'info') {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { logger: createPinoLogger(level, { stream }), lines };
}

describe('the pino logger', () => {
  it('writes one JSON object per line with the message, level and the child bindings', async () => {
    const { logger, lines } = capture();
    logger.child({ job: 'ingest' }).info('page stored', { page: 2 });
    logger.debug('not at info level');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'page stored', job: 'ingest', page: 2 }),
    ]);
  });

  it('never writes tokens, secrets or signatures, however deep', async () => {
    const { logger, lines } = capture();
    logger.child({ botToken: 'xoxb-secret' }).warn('posting failed', {
      request: { headers: { authorization: 'Bearer abc', 'x-slack-signature': 'v0=abc' } },
      signingSecret: 's3cret',
      error: new Error('boom'),
    });
    await new Promise((resolve) => setImmediate(resolve));
    const text = JSON.stringify(lines);
    expect(text).not.toContain('xoxb-secret');
    expect(text).not.toContain('Bearer abc');
    expect(text).not.toContain('v0=abc');
    expect(text).not.toContain('s3cret');
    expect(lines[0]).toMatchObject({ msg: 'posting failed', error: { name: 'Error', message: 'boom' } });
  });

  it('redacts by key name', () => {
    expect(redact({ apiKey: 'k', nested: { accessToken: 't', page: 1 }, list: [{ password: 'p' }] })).toEqual(
      {
        apiKey: '[redacted]',
        nested: { accessToken: '[redacted]', page: 1 },
        list: [{ password: '[redacted]' }],
      },
    );
  });
});
