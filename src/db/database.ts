import { mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type Logger, silentLogger } from '../core/logger.js';
import { lockDataDirectory } from './data-dir-lock.js';
import { DatabaseUnavailableError } from './database-errors.js';
import { createHealthMonitor, type DatabaseHealth } from './database-health.js';
import { PgliteThread } from './pglite-thread.js';
import { guardedClient, resilientPostgresOptions } from './postgres-client.js';
import * as schema from './schema.js';

/** The drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** What to do when a channel gets a notification, and when listening (re)starts. */
export interface ListenHandlers {
  /** The payload of a NOTIFY on the channel, from any connection to this database. */
  onNotify(payload: string): void;
  /** Listening (re)started, e.g. after a lost connection came back: notifications may have been missed. */
  onListening?(): void;
}

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Whether the database answers; while it is unreachable, queries fail at once with `DatabaseUnavailableError`. */
  health: DatabaseHealth;
  /**
   * LISTEN on `channel` (Postgres' LISTEN/NOTIFY, on both drivers); resolves once listening, to a function that
   * stops. On Postgres it keeps a connection of its own and listens again after that connection comes back.
   *
   * @example
   * const stop = await handle.listen('paperboy_deliveries', { onNotify: (platform) => wake(platform) });
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /** Closes what this handle opened (an open PGlite keeps the process alive), within `timeoutMs`. */
  close(timeoutMs?: number): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps nothing. */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** postgres.js pool size. */
  maxConnections?: number;
  /** Told when the database becomes unreachable or out of space, and when it is back. */
  logger?: Logger;
  /** Postgres settings for PGlite, over `PGLITE_SETTINGS` (e.g. `{ shared_buffers: '128MB' }`). */
  pgliteSettings?: Readonly<Record<string, string>>;
}

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

// Any constant works; it only has to be the same for every replica.
const MIGRATION_LOCK_KEY = 7_201_155_913;
/** Pause between probes of an unreachable database: it is back in use within this of answering again. */
const PROBE_EVERY_MS = 500;
/**
 * Below this much free space PGlite cannot start (it writes a 16 MB write-ahead log segment), and after a
 * disk-full error it is not ready until there is this much again.
 */
const PGLITE_MIN_FREE_BYTES = 16 * 2 ** 20;
/**
 * Postgres settings PGlite starts with. Its shared buffers (128 MB by default) live in its wasm memory, which
 * never shrinks. Measured on a 100,000-paper store, open and after a query mix of 260 searches (issue #17):
 * 128 MB held 269 MB and searched p50 55 / p99 179 ms; 64 MB 169-190 MB, 49 / 145 ms; 32 MB 142-147 MB, 55 / 163
 * ms; 16 MB 110-136 MB, 60-66 / 182-200 ms. 32 MB keeps search within the noise of the default for 120 MB less;
 * 16 MB saves 20 MB more but is slower on every run.
 */
export const PGLITE_SETTINGS: Readonly<Record<string, string>> = { shared_buffers: '32MB' };
/** How long `close()` lets queries in flight finish by default. */
const CLOSE_TIMEOUT_MS = 5_000;

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options)
    : openPglite(options.dataDir ?? 'memory://', options);
}

/** The server a URL names, for messages (never its password). */
function serverLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `the Postgres server at ${parsed.hostname}:${parsed.port || 5432}`;
  } catch {
    return 'the Postgres server';
  }
}

/**
 * Session settings of the service's connections. JIT off: a query the planner thinks costly (the digest tick's
 * due query before autovacuum has analysed new channels, a search at a million papers) was compiled by LLVM,
 * and a connection's first compilation loads LLVM: 60-300 ms for a query that runs in under 1 ms. Every
 * statement of the service is short; none gains from compiling.
 */
const SESSION_SETTINGS = { jit: 'off' };

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.migrate !== false) await migratePostgresWithLock(url);
  const client = postgres(url, {
    ...resilientPostgresOptions(),
    max: options.maxConnections ?? 10,
    connection: SESSION_SETTINGS,
  });
  const monitor = createHealthMonitor({
    probe: () => client.unsafe('select 1'),
    probeEveryMs: PROBE_EVERY_MS,
    label: serverLabel(url),
    logger: options.logger ?? silentLogger,
  });
  const db = drizzlePostgres(guardedClient(client, monitor), { schema }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    health: monitor.health,
    async listen(channel, handlers) {
      const { unlisten } = await client.listen(channel, handlers.onNotify, handlers.onListening);
      return async () => {
        await unlisten();
      };
    },
    async close(timeoutMs = CLOSE_TIMEOUT_MS) {
      monitor.close();
      await client.end({ timeout: timeoutMs / 1000 });
    },
  };
}

/** Replicas that start together must not race each other through the migrations. */
async function migratePostgresWithLock(url: string): Promise<void> {
  const client = postgres(url, { ...resilientPostgresOptions(), max: 1 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const lock = onDisk ? lockDataDirectory(dataDir) : { release() {} };
  const monitor = createHealthMonitor({
    probe: async () => {},
    probeEveryMs: PROBE_EVERY_MS,
    label: onDisk ? `the embedded database in ${dataDir}` : 'the embedded database',
    logger: options.logger ?? silentLogger,
    ...(onDisk ? { freeBytes: () => freeBytesAt(dataDir), minFreeBytes: PGLITE_MIN_FREE_BYTES } : {}),
  });
  let thread: PgliteThread;
  try {
    const observer = {
      failed: (error: Error) => monitor.reportFailure(error),
      wrote: () => monitor.reportSuccess(true),
      gone: (error: Error) => monitor.markGone(`its thread ended: ${error.message}`),
    };
    thread = await PgliteThread.start(dataDir, observer, { ...PGLITE_SETTINGS, ...options.pgliteSettings });
  } catch (error) {
    lock.release();
    throw onDisk ? explainOpenFailure(dataDir, error) : error;
  }
  // The thread answers the calls drizzle's PGlite driver makes (`query`, `transaction`).
  const client = thread as unknown as PGlite;
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  const close = async (timeoutMs = CLOSE_TIMEOUT_MS) => {
    monitor.close();
    try {
      await thread.close(timeoutMs);
    } finally {
      lock.release();
    }
  };
  try {
    if (options.migrate !== false) await migratePglite(drizzlePglite({ client }), { migrationsFolder });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    db,
    driver: 'pglite',
    health: monitor.health,
    async listen(channel, handlers) {
      const stop = await thread.listen(channel, handlers.onNotify);
      handlers.onListening?.();
      return stop;
    },
    close,
  };
}

/** Bytes free for us on the disk that holds `dir`, or null when that cannot be read. */
function freeBytesAt(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** PGlite says only that it "failed to initialize"; a full disk is the common reason, so say so. */
function explainOpenFailure(dataDir: string, error: unknown): unknown {
  const free = freeBytesAt(dataDir);
  if (free === null || free >= PGLITE_MIN_FREE_BYTES) return error;
  return new DatabaseUnavailableError(
    `cannot open the embedded database in ${dataDir}: its disk is full (${Math.floor(free / 1024)} kB free, ` +
      `it needs ${PGLITE_MIN_FREE_BYTES / 2 ** 20} MB). Free some space, then start paperboy again.`,
    { cause: error },
  );
}

/** The PGlite directory inside paperboy's data directory; `memory://` keeps everything in memory. */
export function pgliteDirectory(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : join(dataDir, 'pgdata');
}
