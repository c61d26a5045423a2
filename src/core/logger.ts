/**
 * The logger the code is given; library code never writes to the console itself.
 *
 * @example
 * const log = rootLogger.child({ job: 'ingest', source: 'hf' });
 * log.info('page fetched', { page: 2, items: 100 });
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything, for tests and for code that was given none. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
