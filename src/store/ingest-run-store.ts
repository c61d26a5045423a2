import { desc, eq } from 'drizzle-orm';
import type { SkippedItem } from '../core/paper.js';
import type { Database } from '../db/database.js';
import { type IngestRunStatus, ingestRuns } from '../db/schema.js';

export interface IngestRunOutcome {
  status: Exclude<IngestRunStatus, 'running'>;
  fetched: number;
  stored: number;
  skippedItems: SkippedItem[];
  error?: string;
}

export type IngestRun = typeof ingestRuns.$inferSelect;

/** Keeps the record of every ingest: what was asked, when, and what came of it. */
export interface IngestRunStore {
  start(source: string, params: Record<string, unknown>, now?: Date): Promise<number>;
  finish(id: number, outcome: IngestRunOutcome, now?: Date): Promise<void>;
  recent(limit?: number): Promise<IngestRun[]>;
}

/** At most this many skipped items are kept per run; the count is always exact. */
const MAX_RECORDED_SKIPS = 200;

export function createIngestRunStore(db: Database): IngestRunStore {
  return {
    async start(source, params, now = new Date()) {
      const [row] = await db
        .insert(ingestRuns)
        .values({ source, params, startedAt: now })
        .returning({ id: ingestRuns.id });
      if (!row) throw new Error('inserting an ingest run returned no id');
      return row.id;
    },

    async finish(id, outcome, now = new Date()) {
      await db
        .update(ingestRuns)
        .set({
          status: outcome.status,
          finishedAt: now,
          fetched: outcome.fetched,
          stored: outcome.stored,
          skipped: outcome.skippedItems.length,
          skippedItems: outcome.skippedItems.slice(0, MAX_RECORDED_SKIPS),
          error: outcome.error ?? null,
        })
        .where(eq(ingestRuns.id, id));
    },

    async recent(limit = 20) {
      return db
        .select()
        .from(ingestRuns)
        .orderBy(desc(ingestRuns.startedAt), desc(ingestRuns.id))
        .limit(limit);
    },
  };
}
