import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { silentLogger } from '../../src/core/logger.js';
import { openDatabase, pgliteDirectory } from '../../src/db/database.js';
import { createIngestRunStore, type IngestRun } from '../../src/store/ingest-run-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { type FakeUpstream, hfDayPages, startFakeUpstream } from '../helpers/fake-upstream.js';
import { FIXTURE, readFixture } from '../helpers/fixtures.js';

const HF_PATH = '/api/daily_papers';
const day: unknown[] = JSON.parse(readFixture(FIXTURE.hfDay));
const json = { 'content-type': 'application/json' };

let upstream: FakeUpstream;
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'paperboy-ingest-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeEach(async () => {
  upstream = await startFakeUpstream();
});
afterEach(async () => upstream.close());

/** Runs `paperboy ingest ...` for real, pointed at the local fake upstream, on a fresh embedded store. */
async function ingest(args: string[], store = `run-${Math.random().toString(36).slice(2)}`) {
  let stdout = '';
  let stderr = '';
  const env = {
    PAPERBOY_DATA_DIR: join(dataDir, store),
    HF_API_URL: upstream.url,
    ARXIV_API_URL: `${upstream.url}/api`,
    ARXIV_RSS_URL: `${upstream.url}/rss`,
    ARXIV_MIN_INTERVAL_MS: '0',
    HTTP_TIMEOUT_MS: '300',
    HTTP_MAX_RETRIES: '2',
  };
  const code = await runCli(['ingest', ...args], {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    logger: silentLogger,
    now: () => new Date('2026-06-12T23:00:00Z'),
  });
  return { code, stdout, stderr, store };
}

/** Opens a store a CLI run left behind, to look at what it wrote. */
async function inspect(
  store: string,
): Promise<{ count: number; runs: IngestRun[]; paper: (id: string) => Promise<unknown> }> {
  const handle = await openDatabase({ dataDir: pgliteDirectory(join(dataDir, store)) });
  const papers = createPaperStore(handle.db);
  const count = await papers.countPapers();
  const runs = await createIngestRunStore(handle.db).recent();
  const found = new Map<string, unknown>();
  for (const id of ['2607.99657', '2606.93392']) found.set(id, await papers.getPaper(id));
  await handle.close();
  return { count, runs, paper: async (id) => found.get(id) };
}

describe('paperboy ingest against a local fake upstream', () => {
  it('pages through a Daily Papers day, prints progress per page and records the run', async () => {
    upstream.route(HF_PATH, hfDayPages(day, 6));
    const result = await ingest(['--source', 'hf', '--date', '2026-06-12']);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'hf 2026-06-12 page 0: 6 papers',
      'hf 2026-06-12 page 1: 6 papers',
      'hf 2026-06-12 page 2: 5 papers',
      'hf: 17 papers stored from 17 fetched (run 1)',
      '',
    ]);
    expect(upstream.requestsTo(HF_PATH).map((request) => request.query.p)).toEqual(['0', '1', '2', '3']);
    const { count, runs } = await inspect(result.store);
    expect(count).toBe(17);
    expect(runs[0]).toMatchObject({
      source: 'hf',
      params: { date: '2026-06-12' },
      status: 'succeeded',
      fetched: 17,
      stored: 17,
      skipped: 0,
      error: null,
    });
    expect(runs[0]?.finishedAt).toBeInstanceOf(Date);
  });

  it('waits out a 429 with Retry-After and a 500, then stores everything', async () => {
    const pages = hfDayPages(day, 17);
    let calls = 0;
    upstream.route(HF_PATH, (request) => {
      calls += 1;
      if (calls === 1) return { status: 429, headers: { 'retry-after': '0' }, body: 'slow down' };
      if (calls === 2) return { status: 500, body: 'oops' };
      return pages(request);
    });
    const result = await ingest(['--source', 'hf', '--date', '2026-06-12']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hf: 17 papers stored from 17 fetched');
    expect(upstream.requestsTo(HF_PATH)).toHaveLength(4);
  });

  it('fails the run with the reason on a malformed page and keeps the pages already stored', async () => {
    const pages = hfDayPages(day, 10);
    upstream.route(HF_PATH, (request) =>
      request.query.p === '1'
        ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Bad gateway</html>' }
        : pages(request),
    );
    const result = await ingest(['--source', 'hf', '--date', '2026-06-12']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('hf: 10 papers stored from 10 fetched');
    expect(result.stdout).toMatch(/FAILED: .*JSON array/);
    const { count, runs } = await inspect(result.store);
    expect(count).toBe(10);
    expect(runs[0]).toMatchObject({
      status: 'failed',
      stored: 10,
      error: expect.stringMatching(/JSON array/),
    });
  });

  it('fails the run with a timeout when the source answers too slowly, after retrying', async () => {
    upstream.route(HF_PATH, () => ({ delayMs: 2000, headers: json, body: '[]' }));
    const result = await ingest(['--source', 'hf', '--date', '2026-06-12']);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAILED: .*(timed out|timeout)/i);
    expect(upstream.requestsTo(HF_PATH)).toHaveLength(3);
    const { runs } = await inspect(result.store);
    expect(runs[0]?.status).toBe('failed');
  });

  it('skips an item that fails validation, records its id and reason, and stores the rest', async () => {
    const broken = structuredClone(day) as { paper: { id: string; upvotes: unknown } }[];
    if (broken[3]) broken[3].paper.upvotes = 'many';
    upstream.route(HF_PATH, hfDayPages(broken, 100));
    const result = await ingest(['--source', 'hf', '--date', '2026-06-12']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hf 2026-06-12 page 0: 16 papers, 1 skipped');
    const { count, runs } = await inspect(result.store);
    expect(count).toBe(16);
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      skipped: 1,
      skippedItems: [{ id: broken[3]?.paper.id, reason: expect.stringContaining('upvotes') }],
    });
  });

  it("takes arXiv's new submissions from the feed and treats an empty weekend feed as normal", async () => {
    upstream.route('/rss/cs.LG', () => ({ body: readFixture(FIXTURE.arxivRssWeekday) }));
    const weekday = await ingest(['--source', 'arxiv', '--category', 'cs.LG']);
    expect(weekday.code).toBe(0);
    expect(weekday.stdout).toMatch(/arxiv new in cs\.LG: [1-9]\d* papers/);

    upstream.route('/rss/cs.CL+cs.LG', () => ({ body: readFixture(FIXTURE.arxivRssWeekend) }));
    const weekend = await ingest(['--source', 'arxiv', '--category', 'cs.CL', '--category', 'cs.LG']);
    expect(weekend.code).toBe(0);
    expect(weekend.stdout).toContain('arxiv: 0 papers stored from 0 fetched');
  });

  it('backfills arXiv by date through the query API and merges with Daily Papers', async () => {
    upstream.route('/api/query', (request) => ({
      body:
        request.query.start === '0'
          ? readFixture(FIXTURE.arxivAiLg)
          : readFixture(FIXTURE.arxivAiLg).replace(/<entry>[\s\S]*<\/entry>/, ''),
    }));
    upstream.route(HF_PATH, (request) =>
      request.query.date === '2026-07-13'
        ? hfDayPages(JSON.parse(readFixture(FIXTURE.hfMixed)), 100)(request)
        : { headers: json, body: '[]' },
    );
    const store = 'merged';
    const arxiv = await ingest(['--source', 'arxiv', '--date', '2026-07-13', '--days', '2'], store);
    expect(arxiv.code).toBe(0);
    expect(arxiv.stdout).toContain('arxiv: 16 papers stored from 16 fetched');
    expect(upstream.requestsTo('/api/query')[0]?.query.search_query).toContain(
      'submittedDate:[202607120000 TO 202607132359]',
    );

    const hf = await ingest(['--source', 'hf', '--date', '2026-07-13', '--days', '2'], store);
    expect(hf.code).toBe(0);
    expect(upstream.requestsTo(HF_PATH).map((request) => request.query.date)).toEqual([
      '2026-07-13',
      '2026-07-13',
      '2026-07-12',
    ]);

    const { paper } = await inspect(store);
    expect(await paper('2607.99657')).toMatchObject({
      title: 'Orchard Counts: Estimating Fruit Yield From Drone Flyovers',
      upvotes: 34,
      dailyDate: '2026-07-13',
      primaryCategory: expect.stringMatching(/^cs\./),
      sources: ['arxiv', 'hf'],
    });
  });
});
