import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '../core/logger.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const SECRET_KEY = /token|secret|password|signature|authorization|cookie|key$/i;

/** Values under keys that look secret are never written, at any depth, whatever the caller passed. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY.test(key) ? '[redacted]' : redact(item, depth + 1),
    ]),
  );
}

/**
 * Structured JSON logs (pino) on `stream` (stderr by default), readable colourised lines when `pretty` (a
 * terminal). Every child adds its bindings (`{ job: 'ingest' }`, `{ request: 'r-12' }`) to its lines.
 *
 * @example
 * const log = createPinoLogger('info', { pretty: process.stderr.isTTY });
 * log.child({ job: 'ingest' }).info('page stored', { page: 2 });
 */
export function createPinoLogger(
  level: LogLevel,
  options: { pretty?: boolean; stream?: NodeJS.WritableStream } = {},
): Logger {
  const destination = options.stream ?? process.stderr;
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      formatters: { log: (object) => redact(object) as Record<string, unknown> },
    },
    options.pretty ? pretty({ destination, colorize: true, sync: true }) : destination,
  );
  return wrap(base);
}

function wrap(logger: pino.Logger): Logger {
  return {
    debug: (message, fields = {}) => logger.debug(fields, message),
    info: (message, fields = {}) => logger.info(fields, message),
    warn: (message, fields = {}) => logger.warn(fields, message),
    error: (message, fields = {}) => logger.error(fields, message),
    child: (bindings) => wrap(logger.child(redact(bindings) as Record<string, unknown>)),
  };
}
