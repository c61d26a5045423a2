import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { PgliteThread } from './pglite-thread.js';
import * as schema from './schema.js';

/** The drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Closes what this handle opened (an open PGlite keeps the process alive). */
  close(): Promise<void>;
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
}

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

// Any constant works; it only has to be the same for every replica.
const MIGRATION_LOCK_KEY = 7_201_155_913;

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options)
    : openPglite(options.dataDir ?? 'memory://', options);
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.migrate !== false) await migratePostgresWithLock(url);
  const client = postgres(url, { max: options.maxConnections ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/** Replicas that start together must not race each other through the migrations. */
async function migratePostgresWithLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const thread = await PgliteThread.start(dataDir);
  // The thread answers the calls drizzle's PGlite driver makes (`query`, `transaction`).
  const client = thread as unknown as PGlite;
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  try {
    if (options.migrate !== false) await migratePglite(drizzlePglite({ client }), { migrationsFolder });
  } catch (error) {
    await thread.close();
    throw error;
  }
  return { db, driver: 'pglite', close: () => thread.close() };
}

/** The PGlite directory inside paperboy's data directory; `memory://` keeps everything in memory. */
export function pgliteDirectory(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : join(dataDir, 'pgdata');
}
