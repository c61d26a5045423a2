import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createPaperLookups } from '../../src/ingest/paper-lookups.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { arxivIdLookup, type InventedArxivPaper } from '../helpers/fake-arxiv-ids.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { openTestDatabase, resetTables } from '../helpers/test-database.js';
import { virtualArxiv } from '../helpers/virtual-arxiv.js';
import { capturingLogger } from '../scheduler/scheduler-fixtures.js';

const known: InventedArxivPaper[] = Array.from({ length: 120 }, (_, index) => ({
  id: `2606.${String(50_000 + index)}`,
  title: `Invented Paper Number ${index}`,
}));
const unknownIds = ['2606.99990', '2606.99991'];

let handle: DatabaseHandle;
let upstream: FakeUpstream;
/** Virtual milliseconds: the spacer's waits move it, so spacing is checked without waiting 3 s per request. */
let clock = { now: 0 };
const requestedAt: number[] = [];

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
  await handle?.close();
});
beforeEach(async () => {
  await resetTables(handle);
  requestedAt.length = 0;
  upstream.requests.length = 0;
  const lookup = arxivIdLookup(known);
  upstream.route('/api/query', (request) => {
    requestedAt.push(clock.now);
    return lookup(request);
  });
});

const lookups = (options: { maxQueued?: number; batchSize?: number } = {}) => {
  const { logger, lines } = capturingLogger();
  const source = virtualArxiv(upstream.url);
  clock = source.clock;
  const { arxiv } = source;
  const papers = createPaperStore(handle.db);
  return { lookups: createPaperLookups({ arxiv, papers, logger, ...options }), lines };
};

const idsAsked = () =>
  upstream.requestsTo('/api/query').flatMap((request) => request.query.id_list?.split(',') ?? []);

describe('paper look-ups on arXiv', () => {
  it('asks for each id once, many per request, 3 s apart, and stores what it finds', async () => {
    const { lookups: queue } = lookups();
    // 40 messages of 5 links at once, with repeats across messages and two ids arXiv does not know.
    const messages = Array.from({ length: 40 }, (_, message) =>
      Array.from({ length: 5 }, (_, link) => known[(message * 3 + link) % known.length]?.id as string),
    );
    messages[7]?.push(...unknownIds);
    const found = await Promise.all(messages.map((ids) => queue.lookup(ids)));

    expect(found.map((papers) => papers.map((paper) => paper.id))).toEqual(
      messages.map((ids) => ids.filter((id) => !unknownIds.includes(id))),
    );
    const asked = idsAsked();
    expect(new Set(asked).size).toBe(asked.length);
    expect(upstream.requestsTo('/api/query').length).toBe(Math.ceil(asked.length / 50));
    for (const request of upstream.requestsTo('/api/query')) {
      expect(request.query.id_list?.split(',').length).toBeLessThanOrEqual(50);
    }
    for (let index = 1; index < requestedAt.length; index += 1) {
      expect((requestedAt[index] as number) - (requestedAt[index - 1] as number)).toBeGreaterThanOrEqual(
        3000,
      );
    }
    expect(await createPaperStore(handle.db).getPaper(known[0]?.id as string)).toMatchObject({
      title: 'Invented Paper Number 0',
    });

    // Known now, or known to be unknown: nothing more is asked.
    const before = upstream.requests.length;
    expect(await queue.lookup([...unknownIds, known[0]?.id as string])).toHaveLength(1);
    expect(upstream.requests.length).toBe(before);
  });

  it('drops the oldest waiting look-ups with a log line when a burst outgrows the queue', async () => {
    const { lookups: queue, lines } = lookups({ maxQueued: 10, batchSize: 5 });
    const first = queue.lookup(known.slice(0, 5).map((paper) => paper.id));
    await new Promise((resolve) => setImmediate(resolve)); // its request is in flight
    const waiting = Array.from({ length: 30 }, (_, index) => queue.lookup([known[5 + index]?.id as string]));
    expect(queue.queued()).toBeLessThanOrEqual(10);
    const results = await Promise.all([first, ...waiting]);

    expect(results[0]).toHaveLength(5);
    const answered = results.slice(1).map((papers) => papers.length);
    // The 20 oldest of the 30 that waited were dropped; the newest 10 were looked up.
    expect(answered).toEqual([...Array(20).fill(0), ...Array(10).fill(1)]);
    expect(new Set(idsAsked()).size).toBe(15);
    const dropped = lines.filter((line) => line.message.includes('dropped the oldest look-ups'));
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.reduce((sum, line) => sum + Number(line.fields.dropped), 0)).toBe(20);
    expect(dropped[0]?.fields.hint).toContain('PAPER_LOOKUP_QUEUE');
  });

  it('gives nothing and stores nothing when arXiv fails, and says so in the log', async () => {
    upstream.route('/api/query', () => ({ status: 500, body: 'oops' }));
    const { lookups: queue, lines } = lookups();
    expect(await queue.lookup([known[0]?.id as string])).toEqual([]);
    expect(await createPaperStore(handle.db).getPaper(known[0]?.id as string)).toBeNull();
    expect(
      lines.some(
        (line) => line.level === 'warn' && line.message.includes('could not look papers up on arXiv'),
      ),
    ).toBe(true);
  });
});
