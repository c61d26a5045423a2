import { CodedError } from '../core/errors.js';

/**
 * The database cannot be reached (or the embedded one cannot be opened): raised at once while it is known to be
 * down, instead of waiting in a connection queue, so a command gets its apology and `/readyz` its 503 in time.
 */
export class DatabaseUnavailableError extends CodedError<'databaseUnavailable'> {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('databaseUnavailable', message, options);
  }
}

/** Another process holds the embedded database's directory; two at once would corrupt it. */
export class DataDirectoryInUseError extends CodedError<'dataDirectoryInUse'> {
  constructor(
    readonly directory: string,
    readonly holder: { pid: number; host: string; since: string },
  ) {
    super(
      'dataDirectoryInUse',
      `the embedded database in ${directory} is in use by another paperboy (pid ${holder.pid} on ${holder.host}, ` +
        `since ${holder.since}); two processes at once would corrupt it. Stop that one, or set ` +
        'PAPERBOY_DATA_DIR to another directory (or DATABASE_URL to share a Postgres server). If that process is ' +
        'gone, the directory is free again 20 s after its last sign of life.',
    );
  }
}
