import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, migrationsFolder } from '../db/database.js';
import { rowsOf } from '../store/rows.js';

/** Why the service is not ready, or null when it is. */
export type ReadinessCheck = () => Promise<string | null>;

/**
 * Ready means: the database answers, every migration shipped with this build is applied, and the chat adapters
 * have started. `/readyz` answers 503 with the first reason otherwise.
 */
export function createReadinessCheck(db: Database, adaptersStarted: () => boolean): ReadinessCheck {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return async () => {
    let applied: number;
    try {
      const [row] = rowsOf<{ n: string | number }>(
        await db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
      );
      applied = Number(row?.n ?? 0);
    } catch (error) {
      return `database unreachable: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (applied < journal.entries.length) {
      return `migrations pending: ${applied} of ${journal.entries.length} applied`;
    }
    return adaptersStarted() ? null : 'chat adapters are still starting';
  };
}
