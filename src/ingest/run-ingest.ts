import type { Logger } from '../core/logger.js';
import type { ParsedBatch, SkippedItem } from '../core/paper.js';
import type { IngestRunStore } from '../store/ingest-run-store.js';
import type { PaperStore } from '../store/paper-store.js';

/** Papers stored in one run after which the planner's statistics are refreshed. */
const REFRESH_STATISTICS_AFTER = 500;
/**
 * Pages stored at once. Computing the search document and updating its indexes keeps one Postgres backend busy,
 * so a second transaction uses a second core (1.7x on 2 cores); more only queue behind them.
 */
const PAGES_AT_ONCE = 2;

export interface IngestPage {
  /** Names the page in progress lines, e.g. `page 2` or `cs.LG+cs.CL`. */
  label: string;
  batch: ParsedBatch;
}

export interface IngestSummary {
  runId: number;
  source: string;
  status: 'succeeded' | 'failed';
  fetched: number;
  stored: number;
  skipped: SkippedItem[];
  error?: string;
}

export interface RunIngestOptions {
  source: string;
  params: Record<string, unknown>;
  pages: AsyncIterable<IngestPage> | Iterable<IngestPage>;
  papers: PaperStore;
  runs: IngestRunStore;
  logger: Logger;
  /** Called once per stored page with a human-readable progress line. */
  onProgress?: (line: string) => void;
  now?: () => Date;
}

/**
 * Stores pages as they arrive, each page in its own transaction (two at a time), and keeps a run record. A
 * failure part-way keeps the pages already stored and records the reason; it never leaves a page half-written.
 */
export async function runIngest(options: RunIngestOptions): Promise<IngestSummary> {
  const { source, params, papers, runs, onProgress } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ job: 'ingest', source });
  const runId = await runs.start(source, params, now());
  let fetched = 0;
  let stored = 0;
  const skipped: SkippedItem[] = [];
  const storing: Promise<void>[] = [];
  let failure: unknown;
  // Each page reports after the one before it, so progress reads in page order.
  const store = (label: string, batch: ParsedBatch, previous: Promise<void>) =>
    Promise.all([papers.upsertPapers(batch.papers, now()), previous]).then(
      ([count]) => {
        stored += count;
        const skippedNote = batch.skipped.length > 0 ? `, ${batch.skipped.length} skipped` : '';
        onProgress?.(`${source} ${label}: ${batch.papers.length} papers${skippedNote}`);
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
  try {
    for await (const { label, batch } of options.pages) {
      if (failure) break;
      fetched += batch.papers.length + batch.skipped.length;
      skipped.push(...batch.skipped);
      for (const item of batch.skipped) log.warn('skipped an item that failed validation', { ...item });
      storing.push(store(label, batch, storing.at(-1) ?? Promise.resolve()));
      if (storing.length >= PAGES_AT_ONCE) await storing.shift();
    }
    await Promise.all(storing);
    if (failure) throw failure;
    await runs.finish(runId, { status: 'succeeded', fetched, stored, skippedItems: skipped }, now());
    if (stored >= REFRESH_STATISTICS_AFTER) await papers.refreshStatistics();
    return { runId, source, status: 'succeeded', fetched, stored, skipped };
  } catch (error) {
    // A page that failed to fetch leaves the other in flight to finish, so `stored` counts what is stored.
    await Promise.all(storing);
    const message = error instanceof Error ? error.message : String(error);
    log.error('ingest failed', { runId, error: message, stored });
    await runs.finish(
      runId,
      { status: 'failed', fetched, stored, skippedItems: skipped, error: message },
      now(),
    );
    return { runId, source, status: 'failed', fetched, stored, skipped, error: message };
  }
}

export function formatSummary(summary: IngestSummary): string {
  const skipped = summary.skipped.length > 0 ? `, ${summary.skipped.length} skipped` : '';
  const base = `${summary.source}: ${summary.stored} papers stored from ${summary.fetched} fetched${skipped} (run ${summary.runId})`;
  return summary.status === 'succeeded' ? base : `${base}; FAILED: ${summary.error}`;
}
