import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../helpers/test-database.js';
import { fakeModel, inventedPaper, jobRows, tldrRows, tldrWorkerOn } from './tldr-fixtures.js';

const now = new Date('2026-06-13T10:00:00Z');
const PAPERS = Array.from({ length: 10 }, (_, index) =>
  inventedPaper(`2606.750${String(index).padStart(2, '0')}`, `Cormorant Layer ${index}`),
);

/** Two replicas are two processes: each has its own connection pool to the same database. */
describe.skipIf(!postgresUrl)(
  'two TL;DR workers on one Postgres (postgres only: PGlite has one connection; skipped without DATABASE_URL)',
  () => {
    let handle: TestDatabase;
    let second: DatabaseHandle;
    let llm: FakeLlm;

    beforeAll(async () => {
      handle = await openTestDatabase('postgres');
      second = await openDatabase({ url: handle.url ?? '', maxConnections: 5 });
      llm = await startFakeLlm();
      // A little latency, so both replicas have calls in flight at once.
      llm.respond(() => ({ delayMs: 30, reply: { text: 'Die Schicht ist schneller. Sie spart Speicher.' } }));
      await createPaperStore(handle.db).upsertPapers(PAPERS, now);
      await createTldrStore(handle.db).request(
        PAPERS.map((paper) => paper.id),
        'de',
        10,
        now,
      );
    });
    afterAll(async () => {
      await llm?.close();
      await second?.close();
      await handle?.close();
    });

    it('asks the model exactly once per paper, whichever replica claims it', async () => {
      const replicas = [handle, second].map(
        (replica) => tldrWorkerOn(replica.db, fakeModel(llm), { now: () => now, concurrency: 3 }).worker,
      );
      let written = 0;
      for (let round = 0; round < 5; round += 1) {
        const counts = await Promise.all(replicas.flatMap((worker) => [worker.runOnce(), worker.runOnce()]));
        written += counts.reduce((sum, count) => sum + count, 0);
      }
      expect(written).toBe(10);
      expect(llm.requestCount).toBe(10);
      const stored = await tldrRows(handle.db);
      expect(stored.map((row) => row.paper_id)).toEqual(PAPERS.map((paper) => paper.id));
      expect(await jobRows(handle.db)).toEqual([]);
    });
  },
);
