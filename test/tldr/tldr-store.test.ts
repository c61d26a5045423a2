import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { TldrJob } from '../../src/core/tldr/tldr-ports.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import {
  describeEachDatabase,
  openTestDatabase,
  resetTables,
  type TestDatabase,
} from '../helpers/test-database.js';
import { inventedPaper, jobRow } from './tldr-fixtures.js';

const now = new Date('2026-06-13T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const papers = [inventedPaper('2606.77001', 'Tern Sampling'), inventedPaper('2606.77002', 'Grebe Caching')];
const [tern, grebe] = papers.map((paper) => paper.id) as [string, string];

describeEachDatabase('the TL;DR store', (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await resetTables(handle);
    await createPaperStore(handle.db).upsertPapers(papers, now);
  });

  const finish = (job: Pick<TldrJob, 'paperId' | 'language'>, text: string) =>
    createTldrStore(handle.db).complete(job, text, 'fake-model', now);

  it('queues known papers without a TL;DR and says which are pending', async () => {
    const tldrs = createTldrStore(handle.db);
    await finish({ paperId: grebe, language: 'de' }, 'Grebe cacht.');
    const pending = await tldrs.request([tern, grebe, '2606.99999'], 'de', 10, now);
    expect(pending).toEqual([tern]);
    expect(await jobRow(handle.db, grebe, 'de')).toBeUndefined();
    expect(await tldrs.request([], 'de', 10, now)).toEqual([]);
  });

  it('keeps the higher priority, and makes a waiting job due now only for a higher one', async () => {
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([tern], 'de', 10, now);
    const [job] = await tldrs.claim(now, 1, 60_000);
    if (!job) throw new Error('nothing claimed');
    await tldrs.retry(job, later(600_000), 'HTTP 500');
    await tldrs.request([tern], 'de', 5, later(1_000));
    expect(await jobRow(handle.db, tern, 'de')).toMatchObject({
      priority: 10,
      next_attempt_at: later(600_000),
    });
    await tldrs.request([tern], 'de', 2_000_000_000, later(1_000));
    expect(await jobRow(handle.db, tern, 'de')).toMatchObject({
      priority: 2_000_000_000,
      next_attempt_at: later(1_000),
      attempts: 1,
    });
  });

  it('leases a job: not claimed again until the lease runs out, then once more, counting the attempt', async () => {
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([tern], 'de', 10, now);
    expect((await tldrs.claim(now, 5, 60_000)).map((job) => job.attempts)).toEqual([1]);
    expect(await tldrs.claim(later(59_999), 5, 60_000)).toEqual([]);
    const [again] = await tldrs.claim(later(60_000), 5, 60_000);
    expect(again).toMatchObject({ paperId: tern, language: 'de', attempts: 2, title: 'Tern Sampling' });
    expect(again?.abstract).toContain('We propose Tern Sampling');
  });

  it('records nothing for a replica whose lease ran out and was claimed again by another', async () => {
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([tern, grebe], 'de', 10, now);
    const stale = await tldrs.claim(now, 2, 60_000);
    const fresh = await tldrs.claim(later(60_000), 2, 60_000);
    expect(fresh).toHaveLength(2);
    const [staleTern, staleGrebe] = stale;
    if (!staleTern || !staleGrebe) throw new Error('nothing claimed');
    await tldrs.retry(staleTern, later(61_000), 'HTTP 500');
    await tldrs.fail(staleGrebe, 'the model is gone');
    for (const paperId of [tern, grebe])
      expect(await jobRow(handle.db, paperId, 'de')).toMatchObject({ status: 'running', attempts: 2 });
    const [freshTern] = fresh.filter((job) => job.paperId === tern);
    if (!freshTern) throw new Error('tern not claimed again');
    await tldrs.retry(freshTern, later(600_000), 'HTTP 500');
    expect(await jobRow(handle.db, tern, 'de')).toMatchObject({ status: 'queued', last_error: 'HTTP 500' });
  });

  it('keeps the first TL;DR when a second is written for the same paper and language', async () => {
    const tldrs = createTldrStore(handle.db);
    await finish({ paperId: tern, language: 'de' }, 'Erste Fassung.');
    await finish({ paperId: tern, language: 'de' }, 'Zweite Fassung.');
    await finish({ paperId: tern, language: 'fr' }, 'Première version.');
    expect(await tldrs.stored([tern, grebe], 'de')).toEqual(
      new Map([[tern, { text: 'Erste Fassung.', model: 'fake-model' }]]),
    );
    expect([...(await tldrs.stored([tern], 'fr')).keys()]).toEqual([tern]);
    expect(await tldrs.stored([], 'de')).toEqual(new Map());
  });

  it('gives the attempt back when asked (the budget said no)', async () => {
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([tern], 'de', 10, now);
    const [job] = await tldrs.claim(now, 1, 60_000);
    if (!job) throw new Error('nothing claimed');
    await tldrs.retry(job, later(5_000), 'daily token budget reached', { countAttempt: false });
    expect(await jobRow(handle.db, tern, 'de')).toMatchObject({ status: 'queued', attempts: 0 });
  });
});
