import type { Logger } from '../core/logger.js';
import { DatabaseUnavailableError } from './database-errors.js';

/** What is wrong with the database, and since when. */
export interface DatabaseProblem {
  reason: string;
  since: Date;
}

/** Whether the database answers, as the queries on it found out. Readiness, metrics and the scheduler read it. */
export interface DatabaseHealth {
  /** Null while the database works; otherwise the first problem (unreachable, then out of space). */
  problem(): DatabaseProblem | null;
  /** Calls `listener` each time the database answers again after being unreachable. */
  onRecovered(listener: () => void): () => void;
}

/** How long a disk-full error keeps the database reported as not ready after the last one, unless a write works. */
const STORAGE_PROBLEM_WINDOW_MS = 3_000;

/** Network and server errors after which the database is unreachable until a probe gets through. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  // admin_shutdown, crash_shutdown, cannot_connect_now ("the database system is starting up")
  '57P01',
  '57P02',
  '57P03',
]);

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** A connection-level failure (refused, reset, the server shutting down), not a failing statement. */
export function isConnectionFailure(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'));
}

/** Postgres' `disk_full`: a write found no space. Reads still work; writes do again once there is space. */
export const isDiskFull = (error: unknown): boolean => codeOf(error) === '53100';

/** Whether a statement writes rows (so its success shows there is disk space again). */
export const isWriteStatement = (sql: string): boolean => /^\s*(insert|update|delete)\b/i.test(sql);

const describe = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
};

export interface HealthMonitorOptions {
  /** Asks the database something trivial; resolves when it answered. */
  probe: () => Promise<unknown>;
  /** Pause between probes while it is unreachable. */
  probeEveryMs: number;
  /** What to tell the operator it is (the server at host:port, the embedded database in dir). */
  label: string;
  /**
   * Bytes free on the disk that holds it, when that can be read (the embedded database): after a disk-full
   * error it counts as out of space until this is back above `minFreeBytes`, whatever single writes manage.
   */
  freeBytes?: () => number | null;
  minFreeBytes?: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * Tracks the database's health from the outcomes of its queries. After a connection-level failure it is
 * unreachable: `unavailable()` says so, and callers fail at once instead of queueing for a connection, until a
 * probe (one at a time, every `probeEveryMs`) or any query gets through. A disk-full error marks it not ready
 * until a write gets through, or for a few seconds after the last one if none is tried.
 */
export function createHealthMonitor(options: HealthMonitorOptions) {
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ component: 'database' });
  let down: DatabaseProblem | null = null;
  let storage: (DatabaseProblem & { last: number }) | null = null;
  let probing = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const listeners = new Set<() => void>();

  /** Known free space decides; otherwise a few seconds without a disk-full error (or a write that worked). */
  const stillOutOfSpace = (lastFailure: number): boolean => {
    const free = options.freeBytes?.() ?? null;
    if (free !== null) return free < (options.minFreeBytes ?? 0);
    return now().getTime() - lastFailure <= STORAGE_PROBLEM_WINDOW_MS;
  };

  const recovered = () => {
    if (!down) return;
    const seconds = ((now().getTime() - down.since.getTime()) / 1000).toFixed(1);
    log.info('the database answers again', { database: options.label, unreachableForSeconds: seconds });
    down = null;
    clearTimeout(timer);
    for (const listener of listeners) listener();
  };

  const probe = async () => {
    if (probing || closed || !down) return;
    probing = true;
    try {
      await options.probe();
      recovered();
    } catch (error) {
      if (down) down.reason = describe(error);
    } finally {
      probing = false;
      if (down && !closed) timer = setTimeout(() => void probe(), options.probeEveryMs);
    }
  };

  const health: DatabaseHealth = {
    problem() {
      if (down) return { ...down };
      if (storage && stillOutOfSpace(storage.last)) return { reason: storage.reason, since: storage.since };
      if (storage) log.info('the database has disk space again', { database: options.label });
      storage = null;
      return null;
    },
    onRecovered(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    health,

    /** True while it is known to be unreachable: queries should fail at once. */
    isDown: () => down !== null,

    /** The error to fail with while it is down. */
    unavailable(): DatabaseUnavailableError {
      const since = down?.since.toISOString() ?? now().toISOString();
      return new DatabaseUnavailableError(
        `${options.label} is unreachable since ${since} (${down?.reason ?? 'unknown'}); paperboy retries every ` +
          `${options.probeEveryMs} ms and resumes by itself once it answers`,
      );
    },

    /** A query worked; `wrote` when it wrote rows (which shows there is space, unless free space is known). */
    reportSuccess(wrote = false): void {
      if (down) recovered();
      if (wrote && storage && !options.freeBytes) {
        log.info('the database can write again', { database: options.label });
        storage = null;
      }
    },

    reportFailure(error: unknown): void {
      if (closed) return;
      if (isDiskFull(error)) {
        const at = now();
        if (!storage) {
          log.error('the database is out of disk space: writes fail until space is freed', {
            database: options.label,
            error: describe(error),
            fix: 'free space on the disk that holds the database; paperboy resumes by itself',
          });
          storage = { reason: `out of disk space: ${describe(error)}`, since: at, last: at.getTime() };
        }
        storage.last = at.getTime();
        return;
      }
      if (!isConnectionFailure(error) || down) return;
      down = { reason: describe(error), since: now() };
      log.error('the database is unreachable: commands get an apology and work waits until it is back', {
        database: options.label,
        error: down.reason,
        fix: 'check that the database server is running and reachable; paperboy reconnects by itself',
      });
      void probe();
    },

    /** Marks it unreachable for good (the embedded database's thread ended). */
    markGone(reason: string): void {
      down = { reason, since: now() };
      closed = true;
      clearTimeout(timer);
    },

    close(): void {
      closed = true;
      clearTimeout(timer);
    },
  };
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>;
