import type { Logger } from '../core/logger.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /token|secret|password|signature|authorization|cookie|key$/i;

/** Values under keys that look secret are never written, whatever the caller passed. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, SECRET_KEY.test(key) ? '[redacted]' : value]),
  );
}

/** A small line logger: `LEVEL message {"field":...}` on the given stream (stderr by default). */
export function createStreamLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
  bindings: Record<string, unknown> = {},
): Logger {
  const log =
    (at: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      if (RANK[at] < RANK[level]) return;
      const all = redact({ ...bindings, ...fields });
      const extra = Object.keys(all).length > 0 ? ` ${JSON.stringify(all, errorReplacer)}` : '';
      write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${extra}\n`);
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => createStreamLogger(level, write, { ...bindings, ...more }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
