import { lt } from 'drizzle-orm';
import type { RunCoordinator } from 'node-cron';
import type { Database } from '../db/database.js';
import { cronRuns } from '../db/schema.js';

/**
 * node-cron's `RunCoordinator` on Postgres: for each fire of a distributed task, the first replica to insert
 * its key runs it and the others skip. (node-cron's default, the NODE_CRON_RUN variable, only designates one
 * runner; it does not coordinate.) Keys older than a day are swept as new ones come in.
 *
 * @example
 * cron.schedule('*\/30 * * * *', ingest, { name: 'ingest', distributed: true, runCoordinator: coordinator });
 */
export function createPgRunCoordinator(
  db: Database,
  owner: string,
  now: () => Date = () => new Date(),
): RunCoordinator {
  return {
    async shouldRun(key, ttlMs) {
      const at = now();
      const [row] = await db
        .insert(cronRuns)
        .values({ key, owner, claimedAt: at, expiresAt: new Date(at.getTime() + ttlMs) })
        .onConflictDoNothing()
        .returning({ key: cronRuns.key });
      await db.delete(cronRuns).where(lt(cronRuns.claimedAt, new Date(at.getTime() - 86_400_000)));
      return row !== undefined;
    },
  };
}
