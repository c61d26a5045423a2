import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paperListCard } from '../../src/core/cards/build-cards.js';
import type { Card } from '../../src/core/cards/card.js';
import type { ChatMessage } from '../../src/core/language-model.js';
import { createTldrFiller, type TldrFillerOptions } from '../../src/core/tldr/tldr-filler.js';
import { URGENT_PRIORITY } from '../../src/core/tldr/tldr-ports.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';
import { openTestDatabase, resetTables, type TestDatabase } from '../helpers/test-database.js';
import { fakeModel, inventedPaper, jobRows, manualClock, tldrWorkerOn } from './tldr-fixtures.js';

const start = new Date('2026-06-13T10:00:00Z');
const clock = manualClock(start);
const HF_SUMMARY = 'Albatross Decoding drafts tokens with an invented helper model.';
const withHfSummary = inventedPaper('2606.76001', 'Albatross Decoding', {
  source: 'hf',
  dailyDate: '2026-06-13',
  upvotes: 30,
  aiSummary: HF_SUMMARY,
});
const hfWithout = inventedPaper('2606.76002', 'Petrel Memory', {
  source: 'hf',
  dailyDate: '2026-06-13',
  upvotes: 8,
});
const arxivOnly = inventedPaper('2606.76003', 'Skua Pruning');
const ids = [withHfSummary.id, hfWithout.id, arxivOnly.id];

let handle: TestDatabase;
let llm: FakeLlm;
let card: Card;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  clock.set(start);
  await resetTables(handle);
  const papers = createPaperStore(handle.db);
  await papers.upsertPapers([withHfSummary, hfWithout, arxivOnly], start);
  card = paperListCard('Daily Papers · 2026-06-13', '3 papers', await papers.getPapers(ids));
  llm = await startFakeLlm();
  // The TL;DR names the paper it was asked about.
  llm.respond((request) => {
    const user = request.messages.find((message: ChatMessage) => message.role === 'user')?.content ?? '';
    const title = /Title: (.*)/.exec(user)?.[1] ?? '?';
    return { text: `${title} auf Deutsch. Es ist schneller.` };
  });
});
afterEach(async () => llm.close());

const store = async (paperId: string, language: string, text: string) =>
  createTldrStore(handle.db).complete({ paperId, language }, text, 'fake-model', start);

/** A filler on a manual clock whose sleeps are counted (and move the clock). */
function countingFiller(
  overrides: Partial<TldrFillerOptions> & { onSleep?: (ms: number) => Promise<void> } = {},
) {
  const sleeps: number[] = [];
  const filler = createTldrFiller({
    tldrs: createTldrStore(handle.db),
    ready: () => true,
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
      await overrides.onSleep?.(ms);
    },
    ...overrides,
  });
  return { filler, sleeps };
}

const kinds = (filled: Card) => filled.items.map((item) => [item.id, item.summaryKind, item.summary]);

describe('the TL;DR filler', () => {
  it('puts the stored German TL;DRs on every paper of a German card, as a model wrote them', async () => {
    await store(withHfSummary.id, 'de', 'Albatross entwirft Tokens.');
    await store(hfWithout.id, 'de', 'Petrel merkt sich mehr.');
    await store(arxivOnly.id, 'de', 'Skua beschneidet Netze.');
    await store(arxivOnly.id, 'en', 'Skua prunes networks.');
    const { filler, sleeps } = countingFiller();
    const filled = await filler.fill(card, 'de', { wait: true });
    expect(kinds(filled)).toEqual([
      [withHfSummary.id, 'model', 'Albatross entwirft Tokens.'],
      [hfWithout.id, 'model', 'Petrel merkt sich mehr.'],
      [arxivOnly.id, 'model', 'Skua beschneidet Netze.'],
    ]);
    expect(filled.header).toBe(card.header);
    expect(filled.fallback).toBe(card.fallback);
    expect(sleeps).toEqual([]);
    expect(await jobRows(handle.db)).toEqual([]);
  });

  it("keeps Hugging Face's summary on an English card, and fills model TL;DRs only where there is none", async () => {
    await store(withHfSummary.id, 'en', 'A model wrote this about Albatross.');
    await store(arxivOnly.id, 'en', 'Skua prunes networks.');
    await store(hfWithout.id, 'de', 'Petrel merkt sich mehr.');
    const { filler } = countingFiller();
    const filled = await filler.fill(card, 'en', { wait: false });
    const [hf, without, arxiv] = filled.items;
    expect(hf).toMatchObject({ summaryKind: 'hf', summary: HF_SUMMARY });
    // No English one stored: the abstract's sentence stays.
    expect(without?.summaryKind).toBe('abstract');
    expect(without?.summary).toBe(card.items[1]?.summary);
    expect(arxiv).toMatchObject({ summaryKind: 'model', summary: 'Skua prunes networks.' });
    expect(await jobRows(handle.db)).toEqual([]);
  });

  it('leaves a card without anything to fill as it is (same object)', async () => {
    await store(hfWithout.id, 'en', 'Petrel remembers more.');
    await store(arxivOnly.id, 'en', 'Skua prunes networks.');
    const { filler } = countingFiller();
    const filled = await filler.fill(card, 'en', { wait: false });
    expect(await filler.fill(filled, 'en', { wait: true })).toBe(filled);
  });

  it('asks for the missing ones first of all and returns as soon as the worker stored them', async () => {
    await store(arxivOnly.id, 'de', 'Skua beschneidet Netze.');
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now, concurrency: 3 });
    const priorities: number[] = [];
    const { filler, sleeps } = countingFiller({
      pollMs: 100,
      onSleep: async () => {
        if (priorities.length === 0)
          priorities.push(...(await jobRows(handle.db)).map((job) => job.priority));
        await worker.runOnce();
      },
    });
    const filled = await filler.fill(card, 'de', { wait: true });
    expect(priorities).toEqual([URGENT_PRIORITY, URGENT_PRIORITY]);
    expect(sleeps).toEqual([100]);
    expect(llm.requestCount).toBe(2);
    expect(kinds(filled)).toEqual([
      [withHfSummary.id, 'model', 'Albatross Decoding auf Deutsch. Es ist schneller.'],
      [hfWithout.id, 'model', 'Petrel Memory auf Deutsch. Es ist schneller.'],
      [arxivOnly.id, 'model', 'Skua beschneidet Netze.'],
    ]);
  });

  it('gets them from a running worker within the wait, on the real clock', async () => {
    const { worker, health } = tldrWorkerOn(handle.db, fakeModel(llm), { pollMs: 20, concurrency: 3 });
    worker.start();
    try {
      const filler = createTldrFiller({ tldrs: createTldrStore(handle.db), ready: health.ready, pollMs: 20 });
      const began = Date.now();
      const filled = await filler.fill(card, 'de', { wait: true });
      expect(Date.now() - began).toBeLessThan(1_900);
      expect(filled.items.map((item) => item.summaryKind)).toEqual(['model', 'model', 'model']);
    } finally {
      await worker.stop();
    }
  });

  it('does not wait (or ask) at all while the model is not ready', async () => {
    const { filler, sleeps } = countingFiller({ ready: () => false });
    const filled = await filler.fill(card, 'de', { wait: true });
    expect(sleeps).toEqual([]);
    expect(clock.now()).toEqual(start);
    expect(filled.items.map((item) => item.summaryKind)).toEqual(['hf', 'abstract', 'abstract']);
  });

  it('stops waiting when the model stops answering during the wait', async () => {
    let ready = true;
    const { filler, sleeps } = countingFiller({
      ready: () => ready,
      onSleep: async () => {
        ready = false;
      },
    });
    await filler.fill(card, 'de', { wait: true });
    expect(sleeps).toHaveLength(1);
  });

  it('never waits past waitMs when nothing answers', async () => {
    const { filler, sleeps } = countingFiller({ waitMs: 2_000, pollMs: 300 });
    const filled = await filler.fill(card, 'de', { wait: true });
    expect(clock.now().getTime() - start.getTime()).toBe(2_000);
    expect(sleeps).toEqual([300, 300, 300, 300, 300, 300, 200]);
    expect(filled.items.map((item) => item.summaryKind)).toEqual(['hf', 'abstract', 'abstract']);
  });

  it('does not wait for TL;DRs the worker gave up on', async () => {
    const tldrs = createTldrStore(handle.db);
    await tldrs.request(ids, 'de', 10, start);
    for (const job of await tldrs.claim(start, 10, 60_000)) await tldrs.fail(job, 'the model is gone');
    const { filler, sleeps } = countingFiller();
    await filler.fill(card, 'de', { wait: true });
    expect(sleeps).toEqual([]);
  });

  it('returns once the ones still being written are stored, not waiting for one given up on', async () => {
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([withHfSummary.id], 'de', 10, start);
    for (const job of await tldrs.claim(start, 10, 60_000)) await tldrs.fail(job, 'the model is gone');
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now, concurrency: 3 });
    const { filler, sleeps } = countingFiller({ onSleep: async () => void (await worker.runOnce()) });
    const filled = await filler.fill(card, 'de', { wait: true });
    expect(sleeps).toEqual([200]);
    expect(filled.items.map((item) => item.summaryKind)).toEqual(['hf', 'model', 'model']);
  });

  it('neither asks nor waits without wait (a command answer)', async () => {
    const { filler, sleeps } = countingFiller();
    await filler.fill(card, 'de', { wait: false });
    expect(sleeps).toEqual([]);
    expect(await jobRows(handle.db)).toEqual([]);
  });
});
