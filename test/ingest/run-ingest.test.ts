import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { PaperInput } from '../../src/core/paper.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { type IngestPage, runIngest } from '../../src/ingest/run-ingest.js';
import { createIngestRunStore } from '../../src/store/ingest-run-store.js';
import { createPaperStore, type PaperStore } from '../../src/store/paper-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { openTestDatabase } from '../helpers/test-database.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());

const pagesOf = (papers: PaperInput[], size: number): IngestPage[] =>
  Array.from({ length: Math.ceil(papers.length / size) }, (_, index) => ({
    label: `batch ${index + 1}`,
    batch: { papers: papers.slice(index * size, (index + 1) * size), skipped: [] },
  }));

/** The real store, with each upsert held until the test lets it finish (newest first, to test ordering). */
function heldStore(real: PaperStore) {
  const held: (() => void)[] = [];
  let running = 0;
  let most = 0;
  const store: PaperStore = {
    ...real,
    async upsertPapers(inputs, now) {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => held.push(resolve));
      running -= 1;
      if (inputs.some((input) => input.id === 'broken')) throw new Error('the database said no');
      return real.upsertPapers(inputs, now);
    },
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return {
    store,
    most: () => most,
    /** Lets the held upserts finish, the last one first, until the run is done. */
    async drain(done: Promise<unknown>) {
      let finished = false;
      void done.then(() => (finished = true));
      while (!finished) {
        await settle();
        held.pop()?.();
      }
    },
  };
}

describe('runIngest', () => {
  it('stores two pages at a time and still reports progress in page order', async () => {
    const papers = fixtureCorpus().slice(0, 50);
    const held = heldStore(createPaperStore(handle.db));
    const progress: string[] = [];
    const run = runIngest({
      source: 'import',
      params: {},
      pages: pagesOf(papers, 10),
      papers: held.store,
      runs: createIngestRunStore(handle.db),
      logger: silentLogger,
      onProgress: (line) => progress.push(line),
    });
    await held.drain(run);
    const summary = await run;
    expect(summary).toMatchObject({ status: 'succeeded', fetched: 50, stored: 50 });
    expect(held.most()).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((page) => `import batch ${page}: 10 papers`));
  });

  it('fails the run when a page cannot be stored, counting the pages that were, the one beside it included', async () => {
    const papers = fixtureCorpus().slice(0, 20);
    const broken = { ...papers[0], id: 'broken' } as PaperInput;
    // Two pages of 10, the broken one, then two more of 10 (the same papers again: stored again).
    const pages = [...pagesOf(papers, 10), ...pagesOf([broken], 1), ...pagesOf(papers, 10)];
    const held = heldStore(createPaperStore(handle.db));
    const run = runIngest({
      source: 'import',
      params: {},
      pages,
      papers: held.store,
      runs: createIngestRunStore(handle.db),
      logger: silentLogger,
    });
    await held.drain(run);
    const summary = await run;
    expect(summary.status).toBe('failed');
    expect(summary.error).toBe('the database said no');
    // The page stored beside the broken one counts; the page after them is never fetched.
    expect(summary.stored).toBe(30);
    expect(summary.fetched).toBe(31);
    const [recorded] = await createIngestRunStore(handle.db).recent(1);
    expect(recorded).toMatchObject({ status: 'failed', stored: 30, error: 'the database said no' });
  });
});
