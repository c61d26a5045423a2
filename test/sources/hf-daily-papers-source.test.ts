import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedBatch } from '../../src/core/paper.js';
import { createHfDailyPapersSource } from '../../src/sources/hf-daily-papers.js';
import { createHttpClient } from '../../src/sources/http-client.js';
import { MalformedPayloadError } from '../../src/sources/source-errors.js';
import { type FakeUpstream, hfDayPages, startFakeUpstream } from '../helpers/fake-upstream.js';
import { FIXTURE, HTML_ERROR_PAGE, readFixture } from '../helpers/fixtures.js';

const USER_AGENT = 'paperboy-test/0.0 (mailto:ops@example.org)';
const PATH = '/api/daily_papers';
const day: unknown[] = JSON.parse(readFixture(FIXTURE.hfDay));

let upstream: FakeUpstream;
let sleeps: number[];

beforeEach(async () => {
  upstream = await startFakeUpstream();
  sleeps = [];
});
afterEach(async () => {
  await upstream.close();
});

const source = (options: { pageSize?: number; maxPages?: number } = {}) =>
  createHfDailyPapersSource({
    baseUrl: `${upstream.url}/`,
    http: createHttpClient({
      userAgent: USER_AGENT,
      timeoutMs: 2000,
      maxRetries: 2,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    }),
    ...options,
  });

const collect = async <T>(pages: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
};

describe('createHfDailyPapersSource.fetchDay against a local server', () => {
  it('pages from p=0 until the API answers an empty page', async () => {
    upstream.route(PATH, hfDayPages(day, 10));
    const progress: { page: number; items: number }[] = [];
    const pages = await collect(source({ pageSize: 10 }).fetchDay('2026-06-12', (p) => progress.push(p)));

    expect(pages.map((page) => page.page)).toEqual([0, 1]);
    const ids = pages.flatMap((page) => page.batch.papers.map((paper) => paper.id));
    expect(ids).toEqual(day.map((item) => (item as { paper: { id: string } }).paper.id));
    expect(pages[1]?.batch.papers[0]?.id).toBe('2606.96113'); // the 11th item of the day
    expect(progress).toEqual([
      { page: 0, items: 10 },
      { page: 1, items: 7 },
      { page: 2, items: 0 },
    ]);
    const requests = upstream.requestsTo(PATH);
    expect(requests.map((request) => request.query)).toEqual([
      { date: '2026-06-12', limit: '10', p: '0' },
      { date: '2026-06-12', limit: '10', p: '1' },
      { date: '2026-06-12', limit: '10', p: '2' },
    ]);
    expect(requests.every((request) => request.headers['user-agent'] === USER_AGENT)).toBe(true);
    expect(requests[0]?.headers.accept).toBe('application/json');
  });

  it('keeps paging after a short page: only an empty page ends the day', async () => {
    upstream.route(PATH, hfDayPages(day, 12));
    const pages = await collect(source({ pageSize: 25 }).fetchDay('2026-06-12'));
    expect(pages.map((page) => page.batch.papers.length)).toEqual([12, 5]);
    expect(upstream.requestsTo(PATH)).toHaveLength(3);
  });

  it('asks for 100 per page by default', async () => {
    upstream.route(PATH, hfDayPages(day, 100));
    await collect(source().fetchDay('2026-06-12'));
    expect(upstream.requestsTo(PATH).map((request) => request.query.limit)).toEqual(['100', '100']);
  });

  it('stops after maxPages when the API never runs dry', async () => {
    upstream.route(PATH, () => ({ body: JSON.stringify(day.slice(0, 2)) }));
    const pages = await collect(source({ maxPages: 3 }).fetchDay('2026-06-12'));
    expect(pages).toHaveLength(3);
    expect(upstream.requestsTo(PATH)).toHaveLength(3);
  });

  it('passes skipped items through with the page', async () => {
    const items = structuredClone(day.slice(0, 3)) as { paper: Record<string, unknown> }[];
    delete items[1]?.paper.title;
    upstream.script(PATH, [{ body: JSON.stringify(items) }, { body: '[]' }]);
    const pages = await collect(source().fetchDay('2026-06-12'));
    const batch = pages[0]?.batch as ParsedBatch;
    expect(batch.papers).toHaveLength(2);
    expect(batch.skipped).toEqual([{ id: '2606.92730', reason: expect.stringMatching(/^paper\.title/) }]);
  });

  it('retries a 500 and carries on', async () => {
    upstream.script(PATH, [{ status: 500 }, { body: JSON.stringify(day) }, { body: '[]' }]);
    const pages = await collect(source().fetchDay('2026-06-12'));
    expect(pages.flatMap((page) => page.batch.papers)).toHaveLength(17);
    expect(upstream.requestsTo(PATH).map((request) => request.query.p)).toEqual(['0', '0', '1']);
    expect(sleeps).toHaveLength(1);
  });

  it('fails with MalformedPayloadError when an HTML page comes back with 200', async () => {
    upstream.script(PATH, [{ headers: { 'content-type': 'text/html' }, body: HTML_ERROR_PAGE }]);
    await expect(collect(source().fetchDay('2026-06-12'))).rejects.toThrow(MalformedPayloadError);
  });

  it.each(['2026-6-12', '2026-02-30', '12/06/2026', '2026-06-12T00:00:00Z', ''])(
    'rejects the date %j before any request',
    async (date) => {
      await expect(collect(source().fetchDay(date))).rejects.toThrow(RangeError);
      expect(upstream.requests).toHaveLength(0);
    },
  );
});
