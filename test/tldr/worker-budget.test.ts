import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paperListCard } from '../../src/core/cards/build-cards.js';
import { createTldrFiller } from '../../src/core/tldr/tldr-filler.js';
import { TLDR_MAX_TOKENS, tldrMessages } from '../../src/core/tldr/tldr-prompt.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';
import { openTestDatabase, resetTables, type TestDatabase } from '../helpers/test-database.js';
import {
  fakeModel,
  inventedPaper,
  jobRow,
  manualClock,
  tldrRows,
  tldrWorkerOn,
  usedTokens,
} from './tldr-fixtures.js';

const start = new Date('2026-06-13T22:00:00Z');
const clock = manualClock(start);
// Same-length titles, so both reservations are the same.
const first = inventedPaper('2606.74001', 'Osprey Routing');
const second = inventedPaper('2606.74002', 'Condor Routing');
const USAGE = { promptTokens: 40, completionTokens: 12 };

/** What the worker reserves for one call: the prompt at chars/4, and the longest answer. */
const reservation = (paper: { title: string; abstract?: string }) =>
  Math.ceil(
    tldrMessages({ title: paper.title, abstract: paper.abstract ?? '' }, 'de').reduce(
      (sum, message) => sum + message.content.length,
      0,
    ) / 4,
  ) + TLDR_MAX_TOKENS;

let handle: TestDatabase;
let llm: FakeLlm;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  clock.set(start);
  await resetTables(handle);
  llm = await startFakeLlm();
  llm.respond(() => ({ text: 'Die Methode routet schneller. Sie spart Speicher.', usage: USAGE }));
});
afterEach(async () => llm.close());

describe('the TL;DR worker and the daily token budget', () => {
  it('sends the second job of the day to no model: it waits for the next UTC midnight, attempt given back', async () => {
    await createPaperStore(handle.db).upsertPapers([first, second], start);
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([first.id], 'de', 20, start);
    await tldrs.request([second.id], 'de', 10, start);
    expect(reservation(first)).toBe(reservation(second));
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), {
      now: clock.now,
      dailyTokens: reservation(first),
      concurrency: 1,
    });

    expect(await worker.runOnce()).toBe(1);
    // The reservation was replaced by what the server reported.
    expect(await usedTokens(handle.db)).toEqual([{ day: '2026-06-13', tokens: 52 }]);
    expect(await worker.runOnce()).toBe(0);
    expect(llm.requestCount).toBe(1);
    expect(await jobRow(handle.db, second.id, 'de')).toMatchObject({
      status: 'queued',
      attempts: 0,
      next_attempt_at: new Date('2026-06-14T00:00:00Z'),
      last_error: 'daily token budget reached',
    });
    expect(await usedTokens(handle.db)).toEqual([{ day: '2026-06-13', tokens: 52 }]);

    // Paused until midnight: it does not even claim.
    clock.set(new Date('2026-06-13T23:59:59Z'));
    expect(await worker.runOnce()).toBe(0);
    expect((await jobRow(handle.db, second.id, 'de'))?.attempts).toBe(0);

    clock.set(new Date('2026-06-14T00:00:00Z'));
    expect(await worker.runOnce()).toBe(1);
    expect(llm.requestCount).toBe(2);
    expect(await usedTokens(handle.db)).toEqual([
      { day: '2026-06-13', tokens: 52 },
      { day: '2026-06-14', tokens: 52 },
    ]);
  });

  it('lets digests stop waiting for TL;DRs while the budget is spent, until a call succeeds again', async () => {
    await createPaperStore(handle.db).upsertPapers([first, second], start);
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([first.id, second.id], 'de', 10, start);
    const { worker, health } = tldrWorkerOn(handle.db, fakeModel(llm), {
      now: clock.now,
      dailyTokens: reservation(first),
      concurrency: 1,
    });
    await worker.runOnce();
    expect(health.ready()).toBe(true);
    await worker.runOnce();
    expect(health.ready()).toBe(false);
    let sleeps = 0;
    const filler = createTldrFiller({
      tldrs,
      ready: health.ready,
      now: clock.now,
      sleep: async () => {
        sleeps += 1;
      },
    });
    const card = paperListCard('Digest', undefined, await createPaperStore(handle.db).getPapers([second.id]));
    expect((await filler.fill(card, 'de', { wait: true })).items[0]?.summaryKind).toBe('abstract');
    expect(sleeps).toBe(0);
    clock.set(new Date('2026-06-14T00:00:00Z'));
    await worker.runOnce();
    expect(health.ready()).toBe(true);
  });

  it('reserves no more than the limit when two jobs are claimed at once', async () => {
    await createPaperStore(handle.db).upsertPapers([first, second], start);
    await createTldrStore(handle.db).request([first.id, second.id], 'de', 10, start);
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), {
      now: clock.now,
      dailyTokens: reservation(first) + 10,
      concurrency: 2,
    });
    expect(await worker.runOnce()).toBe(1);
    expect(llm.requestCount).toBe(1);
    expect(await tldrRows(handle.db)).toHaveLength(1);
    expect(await usedTokens(handle.db)).toEqual([{ day: '2026-06-13', tokens: 52 }]);
  });

  it('gives up on a paper whose prompt alone needs more than the daily budget, without pausing the others', async () => {
    const long = inventedPaper('2606.74003', 'Albatross Routing', {
      abstract: `We propose Albatross Routing. ${'It routes invented packets across invented networks. '.repeat(40)}`,
    });
    await createPaperStore(handle.db).upsertPapers([long, first], start);
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([long.id], 'de', 20, start);
    await tldrs.request([first.id], 'de', 10, start);
    expect(reservation(long)).toBeGreaterThan(reservation(first) + 200);
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), {
      now: clock.now,
      dailyTokens: reservation(first) + 100,
      concurrency: 1,
    });
    await worker.runOnce();
    const given = await jobRow(handle.db, long.id, 'de');
    expect(given?.status).toBe('failed');
    expect(given?.last_error).toMatch(/LLM_DAILY_TOKENS/);
    expect(await worker.runOnce()).toBe(1);
    expect((await tldrRows(handle.db)).map((row) => row.paper_id)).toEqual([first.id]);
    expect(llm.requestCount).toBe(1);
  });

  it('gives back the whole reservation when the call fails', async () => {
    await createPaperStore(handle.db).upsertPapers([first], start);
    await createTldrStore(handle.db).request([first.id], 'de', 10, start);
    llm.enqueue({ status: 500 });
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now, dailyTokens: 100_000 });
    await worker.runOnce();
    expect(await usedTokens(handle.db)).toEqual([{ day: '2026-06-13', tokens: 0 }]);
  });

  it('has no limit when dailyTokens is 0', async () => {
    const papers = Array.from({ length: 6 }, (_, index) =>
      inventedPaper(`2606.7410${index}`, `Heron Variant ${index}`),
    );
    await createPaperStore(handle.db).upsertPapers(papers, start);
    await createTldrStore(handle.db).request(
      papers.map((paper) => paper.id),
      'de',
      10,
      start,
    );
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), {
      now: clock.now,
      dailyTokens: 0,
      concurrency: 3,
    });
    expect(await worker.runOnce()).toBe(3);
    expect(await worker.runOnce()).toBe(3);
    expect(llm.requestCount).toBe(6);
    expect(await usedTokens(handle.db)).toEqual([{ day: '2026-06-13', tokens: 6 * 52 }]);
  });
});
