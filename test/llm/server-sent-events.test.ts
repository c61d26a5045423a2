import { describe, expect, it } from 'vitest';
import { serverSentEventData } from '../../src/llm/server-sent-events.js';

/** A body that arrives in exactly these pieces, as a network might cut it. */
const streamOf = (...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
};

const collect = async (stream: ReadableStream<Uint8Array>): Promise<string[]> => {
  const data: string[] = [];
  for await (const payload of serverSentEventData(stream)) data.push(payload);
  return data;
};

describe('serverSentEventData', () => {
  it('yields the data of each blank-line separated event', async () => {
    expect(await collect(streamOf('data: {"a":1}\n\ndata: {"a":2}\n\ndata: [DONE]\n\n'))).toEqual([
      '{"a":1}',
      '{"a":2}',
      '[DONE]',
    ]);
  });

  it('puts back together an event split across chunks, even inside a field name and a \\r\\n', async () => {
    const data = await collect(
      streamOf('da', 'ta: {"text":"hel', 'lo"}\r', '\n\r', '\ndata: [DONE]\r\n\r\n'),
    );
    expect(data).toEqual(['{"text":"hello"}', '[DONE]']);
  });

  it('reads a \\r\\n split between chunks as one line break, not as the end of an event', async () => {
    expect(await collect(streamOf('data: first line\r', '\ndata: second line\r\n\r\n'))).toEqual([
      'first line\nsecond line',
    ]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: café\n\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(await collect(streamOf(bytes.slice(0, cut), bytes.slice(cut)))).toEqual(['café']);
  });

  it('skips comments and other fields, and joins multi-line data with newlines', async () => {
    const text = ': keep-alive\n\nevent: message\nid: 7\nretry: 1000\ndata: first\ndata:second\n\n';
    expect(await collect(streamOf(text))).toEqual(['first\nsecond']);
  });

  it('accepts lone \\r line endings', async () => {
    expect(await collect(streamOf('data: one\r\rdata: two\r\r'))).toEqual(['one', 'two']);
  });

  it('keeps a last event whose lines ended but drops a line cut off by the end of the stream', async () => {
    expect(await collect(streamOf('data: whole\n'))).toEqual(['whole']);
    expect(await collect(streamOf('data: whole\n\ndata: {"cut'))).toEqual(['whole']);
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: again\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const data of serverSentEventData(stream)) {
      expect(data).toBe('again');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
