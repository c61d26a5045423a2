import { silentLogger } from '../src/core/logger.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { runIngest } from '../src/ingest/run-ingest.js';
import { createIngestRunStore } from '../src/store/ingest-run-store.js';
import { createPaperStore } from '../src/store/paper-store.js';
import type { BenchStore } from './bench-store.js';

/**
 * Stores the bench store's papers through the import path (`runIngest`), `batchSize` per transaction, calling
 * `progress` with the papers stored so far after every `progressEvery` batches; throws when the run fails.
 */
export async function ingestBenchStore(
  handle: DatabaseHandle,
  store: BenchStore,
  options: { batchSize: number; progressEvery: number; progress: (stored: number) => void },
): Promise<void> {
  const pages = (function* () {
    let index = 0;
    for (const papers of store.batches(options.batchSize)) {
      index += 1;
      yield { label: `batch ${index}`, batch: { papers, skipped: [] } };
    }
  })();
  let batches = 0;
  const summary = await runIngest({
    source: 'bench',
    params: {},
    pages,
    papers: createPaperStore(handle.db),
    runs: createIngestRunStore(handle.db),
    logger: silentLogger,
    onProgress: () => {
      batches += 1;
      if (batches % options.progressEvery === 0) options.progress(batches * options.batchSize);
    },
  });
  if (summary.status !== 'succeeded') throw new Error(`ingest failed: ${summary.error}`);
}
