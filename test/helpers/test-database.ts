import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';

export type Driver = 'pglite' | 'postgres';

export const postgresUrl = process.env.DATABASE_URL || undefined;

/** The drivers to run store tests on: PGlite always, Postgres when DATABASE_URL is set. */
export const drivers: Driver[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

/**
 * Runs a suite once per driver. Without DATABASE_URL the Postgres run is reported as skipped, with the
 * reason in its name.
 */
export function describeEachDatabase(name: string, suite: (driver: Driver) => void): void {
  describe.each(drivers)(`${name} (%s)`, (driver) => suite(driver));
  if (!postgresUrl)
    describe.skip(`${name} (postgres: skipped, set DATABASE_URL to run)`, () => suite('postgres'));
}

/** A test database; `url` is set for Postgres, so a second connection (another replica) can be opened. */
export type TestDatabase = DatabaseHandle & { url?: string };

/** A migrated database of its own: PGlite in memory, or a fresh Postgres database dropped on close. */
export async function openTestDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === 'pglite') return openDatabase({ dataDir: 'memory://' });
  if (!postgresUrl) throw new Error('DATABASE_URL is not set');
  const name = `paperboy_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Empties every table between tests, so one database can serve a whole file. */
export async function resetTables(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(
    sql`truncate table papers, ingest_runs, channels, subscriptions, delivered_papers, digest_slots, deliveries, cron_runs, slack_installations, slack_org_workspaces, interaction_state, paper_tldrs, tldr_jobs, model_usage restart identity cascade`,
  );
}
