import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';
import { openTestDatabase, resetTables, type TestDatabase } from '../helpers/test-database.js';
import { fakeModel, inventedPaper, jobRow, manualClock, tldrRows, tldrWorkerOn } from './tldr-fixtures.js';

const start = new Date('2026-06-13T10:00:00Z');
const clock = manualClock(start);
const paper = inventedPaper('2606.73001', 'Puffin Quantisation');
const GOOD = { text: 'Puffin Quantisation shrinks weights to 3 bits. It keeps accuracy.' };

let handle: TestDatabase;
let llm: FakeLlm;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  clock.set(start);
  await resetTables(handle);
  await createPaperStore(handle.db).upsertPapers([paper], start);
  await createTldrStore(handle.db).request([paper.id], 'de', 10, start);
  llm = await startFakeLlm();
});
afterEach(async () => llm.close());

const job = () => jobRow(handle.db, paper.id, 'de');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('the TL;DR worker when the model fails', () => {
  it("waits the model's Retry-After after a 429, counting the attempt, then writes the TL;DR", async () => {
    llm.enqueue({ status: 429, retryAfter: '7' }, GOOD);
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now });
    expect(await worker.runOnce()).toBe(0);
    expect(await job()).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: at(7_000) });
    expect((await job())?.last_error).toMatch(/rate limited/);

    clock.advance(6_999);
    await worker.runOnce();
    expect(llm.requestCount).toBe(1);
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(llm.requestCount).toBe(2);
    expect(await job()).toBeUndefined();
    expect((await tldrRows(handle.db))[0]?.text).toBe(GOOD.text);
  });

  it('retries a 500 with growing backoff (1 s base, jitter 0.5, plus 1 s)', async () => {
    llm.enqueue({ status: 500 }, { status: 500 }, GOOD);
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now });
    await worker.runOnce();
    expect(await job()).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: at(1_500) });
    clock.set(at(1_500));
    await worker.runOnce();
    expect(await job()).toMatchObject({ status: 'queued', attempts: 2, next_attempt_at: at(1_500 + 2_000) });
    clock.set(at(3_500));
    expect(await worker.runOnce()).toBe(1);
    expect(llm.requestCount).toBe(3);
  });

  it.each([
    { what: 'malformed JSON', reply: { malformed: 'json' as const }, error: /./ },
    { what: 'a body without choices', reply: { malformed: 'shape' as const }, error: /./ },
    { what: 'an answer with no letters', reply: { text: '1. 2. 3. ... !!!' }, error: /no usable TL;DR/ },
    { what: 'a broken stream', reply: { streamBreak: true as const }, error: /./ },
  ])('retries $what', async ({ reply, error }) => {
    llm.enqueue(reply, GOOD);
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now });
    expect(await worker.runOnce()).toBe(0);
    const failed = await job();
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: at(1_500) });
    expect(failed?.last_error).toMatch(error);
    expect(await tldrRows(handle.db)).toEqual([]);
    clock.set(at(1_500));
    expect(await worker.runOnce()).toBe(1);
  });

  it('retries a request that timed out', async () => {
    llm.enqueue({ delayMs: 2_000, reply: GOOD }, GOOD);
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm, { timeoutMs: 150 }), { now: clock.now });
    const began = Date.now();
    expect(await worker.runOnce()).toBe(0);
    expect(Date.now() - began).toBeLessThan(1_500);
    const failed = await job();
    expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
    expect(failed?.last_error).toMatch(/timeout/);
    clock.set(at(1_500));
    expect(await worker.runOnce()).toBe(1);
  });

  it('gives up after maxAttempts: the job stays failed with the last error and is not claimed again', async () => {
    llm.respond(() => ({ status: 503 }));
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now, maxAttempts: 3 });
    for (let round = 0; round < 3; round += 1) {
      await worker.runOnce();
      clock.advance(60_000);
    }
    expect(llm.requestCount).toBe(3);
    const failed = await job();
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed?.last_error).toMatch(/503|unavailable|server/i);
    clock.advance(24 * 3_600_000);
    await worker.runOnce();
    expect(llm.requestCount).toBe(3);
    // A digest asking for it again does not revive it, and is told nothing is pending.
    expect(await createTldrStore(handle.db).request([paper.id], 'de', 2_000_000_000, clock.now())).toEqual(
      [],
    );
  });

  it("asks the model nothing else before a 429's Retry-After has passed", async () => {
    const others = [inventedPaper('2606.73002', 'Gull Caching'), inventedPaper('2606.73003', 'Auk Search')];
    await createPaperStore(handle.db).upsertPapers(others, start);
    await createTldrStore(handle.db).request(
      others.map((other) => other.id),
      'de',
      5,
      start,
    );
    llm.enqueue({ status: 429, retryAfter: '30' });
    llm.respond(() => GOOD);
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now, concurrency: 1 });
    await worker.runOnce();
    for (let second = 1; second < 30; second += 1) {
      clock.set(at(second * 1_000));
      expect(await worker.runOnce()).toBe(0);
    }
    expect(llm.requestCount).toBe(1);
    expect((await jobRow(handle.db, others[0]?.id ?? '', 'de'))?.attempts).toBe(0);
    clock.set(at(30_000));
    expect(await worker.runOnce()).toBe(1);
  });

  it('spends one attempt per wait while the model is down, not one of every queued job', async () => {
    const others = Array.from({ length: 4 }, (_, index) =>
      inventedPaper(`2606.7301${index}`, `Gull ${index}`),
    );
    await createPaperStore(handle.db).upsertPapers(others, start);
    await createTldrStore(handle.db).request(
      others.map((other) => other.id),
      'de',
      5,
      start,
    );
    llm.respond(() => ({ status: 503 }));
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), {
      now: clock.now,
      concurrency: 1,
      maxAttempts: 10,
    });
    // A minute of polling every second, as the running worker does.
    for (let second = 0; second < 60; second += 1) {
      clock.set(at(second * 1_000));
      await worker.runOnce();
    }
    // After each failure it waits 1.5, 2, 3, 5, 9, 17, 33 s (1 s base, jitter 0.5, plus 1 s): calls at 0, 2, 4,
    // 7, 12, 21 and 38 s, each on the first job, which is due again first.
    expect(llm.requestCount).toBe(7);
    expect((await job())?.attempts).toBe(7);
    const attempts = await Promise.all(
      others.map(async (other) => (await jobRow(handle.db, other.id, 'de'))?.attempts),
    );
    expect(attempts).toEqual([0, 0, 0, 0]);
  });

  it('reports the model not ready after a failure and ready again after a success', async () => {
    llm.enqueue({ status: 500 }, GOOD);
    const { worker, health } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now });
    expect(health.ready()).toBe(true);
    await worker.runOnce();
    expect(health.ready()).toBe(false);
    clock.set(at(1_500));
    await worker.runOnce();
    expect(health.ready()).toBe(true);
  });

  it('reports the model not ready when the server refuses the request (a wrong key)', async () => {
    await llm.close();
    llm = await startFakeLlm({ apiKey: 'sk-right' });
    const { worker, health } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now });
    await worker.runOnce();
    expect(health.ready()).toBe(false);
    expect(await job()).toMatchObject({ status: 'queued', attempts: 1 });
  });

  it('stop cuts a call in flight and gives the attempt back, due at once', async () => {
    llm.enqueue({ delayMs: 5_000, reply: GOOD });
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now, pollMs: 10 });
    worker.start();
    while (llm.requestCount === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const began = Date.now();
    await worker.stop();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(await job()).toMatchObject({ status: 'queued', attempts: 0, next_attempt_at: clock.now() });
    expect(await tldrRows(handle.db)).toEqual([]);
  });
});
