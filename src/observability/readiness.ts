import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, migrationsFolder } from '../db/database.js';
import { rowsOf } from '../store/rows.js';

/** Why the service is not ready, or null when it is. */
export type ReadinessCheck = () => Promise<string | null>;

/** The database must answer within this, so `/readyz` itself answers within a second. */
export const READINESS_DEADLINE_MS = 800;

/**
 * Ready means: the database answers (within READINESS_DEADLINE_MS, and is not known to be unreachable or out of
 * space), every migration shipped with this build is applied, and the chat adapters have started. `/readyz`
 * answers 503 with the first reason otherwise.
 */
export function createReadinessCheck(
  database: Pick<DatabaseHandle, 'db' | 'health'>,
  adaptersStarted: () => boolean,
  deadlineMs = READINESS_DEADLINE_MS,
): ReadinessCheck {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  // Applied migrations only ever grow, so once all of ours are there a plain round trip is enough.
  let migrated = false;
  const ask = async (): Promise<string | null> => {
    if (migrated) {
      await database.db.execute(sql`select 1`);
      return null;
    }
    const [row] = rowsOf<{ n: string | number }>(
      await database.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
    );
    const applied = Number(row?.n ?? 0);
    if (applied < journal.entries.length) {
      return `migrations pending: ${applied} of ${journal.entries.length} applied`;
    }
    migrated = true;
    return null;
  };

  return async () => {
    const known = database.health.problem();
    if (known) return `database unavailable since ${known.since.toISOString()}: ${known.reason}`;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`database did not answer within ${deadlineMs} ms`), deadlineMs);
    });
    let reason: string | null;
    try {
      reason = await Promise.race([ask(), late]);
    } catch (error) {
      return `database unreachable: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      clearTimeout(timer);
    }
    if (reason) return reason;
    return adaptersStarted() ? null : 'chat adapters are still starting';
  };
}
