/**
 * Reads a Server-Sent Events stream (WHATWG `text/event-stream`) and yields each event's data: its `data:` lines
 * joined with newlines. Comments (`:`) and other fields (`event`, `id`, `retry`) are skipped; lines may end in
 * `\n`, `\r\n` or `\r`, and an event may be split anywhere between chunks. When the generator is left early, the
 * stream is cancelled.
 *
 * @example
 * for await (const data of serverSentEventData(response.body)) {
 *   if (data === '[DONE]') break;
 *   handle(JSON.parse(data));
 * }
 */
export async function* serverSentEventData(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let dataLines: string[] = [];
  let drained = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (let next = takeLine(buffer, done); next; next = takeLine(buffer, done)) {
        buffer = next.rest;
        const line = next.line;
        if (line === '') {
          if (dataLines.length > 0) yield dataLines.join('\n');
          dataLines = [];
        } else if (!line.startsWith(':')) {
          const data = dataField(line);
          if (data !== undefined) dataLines.push(data);
        }
      }
      if (done) {
        drained = true;
        // The spec drops an event the stream ends inside; we keep one whose lines all arrived whole, and drop
        // only an unterminated last line (`buffer`), which is likely cut short.
        if (dataLines.length > 0) yield dataLines.join('\n');
        return;
      }
    }
  } finally {
    if (!drained) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * The first whole line of `buffer` and what follows it, or null when no line has ended yet. A `\r` at the very
 * end may be the first half of `\r\n`, so it waits for the next chunk unless the stream is over.
 */
const takeLine = (buffer: string, atEnd: boolean): { line: string; rest: string } | null => {
  const end = buffer.search(/[\r\n]/);
  if (end === -1) return null;
  if (buffer[end] === '\r' && end === buffer.length - 1 && !atEnd) return null;
  const breakLength = buffer.startsWith('\r\n', end) ? 2 : 1;
  return { line: buffer.slice(0, end), rest: buffer.slice(end + breakLength) };
};

/** The value of a `data` line (one space after the colon removed), or undefined for any other field. */
const dataField = (line: string): string | undefined => {
  const colon = line.indexOf(':');
  const field = colon === -1 ? line : line.slice(0, colon);
  if (field !== 'data') return undefined;
  if (colon === -1) return '';
  const value = line.slice(colon + 1);
  return value.startsWith(' ') ? value.slice(1) : value;
};
