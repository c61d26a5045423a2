import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { papers } from '../db/schema.js';
import { rowsOf } from './rows.js';

/**
 * How search collects its newest (or most upvoted) matches:
 * - `walk`: read papers in that order until enough match. Each paper read has its search document loaded
 *   from out-of-line storage to be tested, so this is cheap only when most papers match.
 * - `index`: collect every match from the full-text index, then sort. No document is loaded unless the
 *   query has a phrase, so this wins as soon as matches are not the majority.
 *
 * The planner picks the walk far too often, because it does not count the cost of loading the documents
 * (a mid-frequency word such as "diffusion" took 250 ms walking and 16 ms from the index on 100,000
 * papers). So search asks the planner only for its estimate of the number of matches and decides itself.
 */
export type CandidateScan = 'walk' | 'index';

/**
 * Walking reads about `wanted / share` papers and loads each document; the index fetches each of the
 * `matches` rows without loading it, roughly ten times cheaper per row. The walk wins when
 * wanted / share * 10 < matches, i.e. when matches exceed sqrt(10 * wanted * papers).
 */
export function chooseScan(estimatedMatches: number, totalPapers: number, wanted: number): CandidateScan {
  if (totalPapers <= 0) return 'index';
  return estimatedMatches > Math.sqrt(10 * wanted * totalPapers) ? 'walk' : 'index';
}

/** How search collects its candidates, with the estimate that decided it. */
export interface CandidatePlan {
  scan: CandidateScan;
  /** The planner's estimate of the matches. */
  expectedMatches: number;
  /** The papers stored, as the planner counts them. */
  totalPapers: number;
}

export async function planCandidateScan(db: Database, where: SQL, wanted: number): Promise<CandidatePlan> {
  const [explained, counted] = await Promise.all([
    db.execute(sql`explain (format json) select 1 from ${papers} where ${where}`),
    db.execute(sql`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'papers'::regclass`),
  ]);
  const [estimate] = rowsOf<{ 'QUERY PLAN': unknown }>(explained);
  const [size] = rowsOf<{ n: number }>(counted);
  const plan = estimate?.['QUERY PLAN'];
  // postgres.js hands the plan over as JSON text, PGlite already parsed.
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }];
  const expectedMatches = parsed[0]?.Plan['Plan Rows'] ?? 0;
  const totalPapers = Number(size?.n ?? 0);
  return { scan: chooseScan(expectedMatches, totalPapers, wanted), expectedMatches, totalPapers };
}

/**
 * Runs `work` in a transaction whose planner may only use index bitmaps (no ordered walk, no full scan) and no
 * parallel plans (the windows of `candidate-windows.ts` must run one after the other). The bitmaps get 32 MB: at
 * the default 4 MB, the bitmap of a word in 10% of a million papers turns lossy and every paper on its pages has
 * its document read and checked again (a phrase then checked ten times as many papers as it matched).
 */
export function withIndexScanOnly<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '32MB', true)`,
    );
    return work(tx as unknown as Database);
  });
}
