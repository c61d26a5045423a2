import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArxivSource } from '../../src/sources/arxiv.js';
import { createHttpClient } from '../../src/sources/http-client.js';
import { HttpStatusError, SourceError, SourceErrorCode } from '../../src/sources/source-errors.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { ARXIV_EMPTY_PAGE, ARXIV_ERROR_FEED, FIXTURE, readFixture } from '../helpers/fixtures.js';

const USER_AGENT = 'paperboy-test/0.0 (mailto:ops@example.org)';
const transformer5 = readFixture(FIXTURE.arxivTransformer);

let upstream: FakeUpstream;
/** One fake clock shared by the HTTP client and the spacer; sleeping moves it. */
let clock: number;
let httpSleeps: number[];
let spacerSleeps: number[];

beforeEach(async () => {
  upstream = await startFakeUpstream();
  clock = Date.parse('2026-06-14T02:30:00Z');
  httpSleeps = [];
  spacerSleeps = [];
});
afterEach(async () => {
  await upstream.close();
});

const arxiv = (options: { minIntervalMs?: number; pageSize?: number } = {}) =>
  createArxivSource({
    apiUrl: `${upstream.url}/api`,
    rssUrl: `${upstream.url}/rss/`,
    http: createHttpClient({
      userAgent: USER_AGENT,
      timeoutMs: 2000,
      maxRetries: 2,
      random: () => 0.5,
      sleep: async (ms) => {
        httpSleeps.push(ms);
        clock += ms;
      },
    }),
    now: () => clock,
    sleep: async (ms) => {
      spacerSleeps.push(ms);
      clock += ms;
    },
    ...options,
  });

const collect = async <T>(pages: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
};

describe('createArxivSource.fetchNew against a local server', () => {
  it('reads the joined category feed; an empty weekend feed is an empty batch', async () => {
    upstream.script('/rss/cs.LG+cs.CL', [{ body: readFixture(FIXTURE.arxivRssWeekend) }]);
    const batch = await arxiv().fetchNew(['cs.LG', 'cs.CL']);
    expect(batch).toEqual({ papers: [], skipped: [] });
    expect(upstream.requests.map((request) => request.path)).toEqual(['/rss/cs.LG+cs.CL']);
    expect(upstream.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('keeps new items, and cross-listings when asked', async () => {
    upstream.script('/rss/cs.LG', [{ body: readFixture(FIXTURE.arxivRssWeekday) }]);
    const source = arxiv();
    expect((await source.fetchNew(['cs.LG'])).papers.map((paper) => paper.id)).toEqual(['2608.90101']);
    const withCross = await source.fetchNew(['cs.LG'], { includeCross: true });
    expect(withCross.papers.map((paper) => paper.id)).toEqual(['2608.90101', '2608.90202']);
  });

  it.each([[[]], [['cs.LG+cs.CL']], [['cs.LG/../x']]])(
    'rejects the categories %j before any request',
    async (categories) => {
      await expect(arxiv().fetchNew(categories)).rejects.toThrow(RangeError);
      expect(upstream.requests).toHaveLength(0);
    },
  );
});

describe('createArxivSource.searchPages against a local server', () => {
  const range = {
    categories: ['cs.LG', 'cs.CL'],
    from: new Date('2026-06-11T00:00:00Z'),
    to: new Date('2026-06-12T00:00:00Z'),
  };

  it('sends the documented query and pages until an empty page', async () => {
    upstream.route('/api/query', (request) => ({
      body: request.query.start === '0' ? transformer5 : ARXIV_EMPTY_PAGE,
    }));
    const pages = await collect(arxiv({ pageSize: 5 }).searchPages(range));

    expect(pages).toHaveLength(1);
    expect(pages[0]?.page).toBe(0);
    expect(pages[0]?.totalResults).toBe(31207);
    expect(pages[0]?.batch.papers.map((paper) => paper.id)[0]).toBe('2606.93677');
    expect(upstream.requestsTo('/api/query').map((request) => request.query)).toEqual([
      {
        search_query: '(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202606110000 TO 202606112359]',
        sortBy: 'submittedDate',
        sortOrder: 'descending',
        start: '0',
        max_results: '5',
      },
      {
        search_query: '(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202606110000 TO 202606112359]',
        sortBy: 'submittedDate',
        sortOrder: 'descending',
        start: '5',
        max_results: '5',
      },
    ]);
  });

  it('stops without another request once start reaches totalResults', async () => {
    const onlyFive = transformer5.replace(
      '<opensearch:totalResults>31207</opensearch:totalResults>',
      '<opensearch:totalResults>5</opensearch:totalResults>',
    );
    upstream.script('/api/query', [{ body: onlyFive }]);
    const pages = await collect(arxiv({ pageSize: 5 }).searchPages(range));
    expect(pages.map((page) => page.batch.papers.length)).toEqual([5]);
    expect(upstream.requestsTo('/api/query')).toHaveLength(1);
  });

  it('surfaces arXiv’s error feed as a SourceError with its message, also when sent with HTTP 400', async () => {
    upstream.script('/api/query', [{ status: 400, body: ARXIV_ERROR_FEED }]);
    const error = await collect(arxiv().searchPages(range)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).not.toBeInstanceOf(HttpStatusError);
    expect((error as SourceError).code).toBe(SourceErrorCode.QueryRejected);
    expect((error as Error).message).toContain('incorrect id format for 1234.1234v1a');
    expect(upstream.requestsTo('/api/query')).toHaveLength(1);
  });

  it('keeps a plain 400 as an HttpStatusError', async () => {
    upstream.script('/api/query', [{ status: 400, body: 'Bad Request' }]);
    await expect(collect(arxiv().searchPages(range))).rejects.toBeInstanceOf(HttpStatusError);
  });
});

describe('createArxivSource spacing (arXiv allows one request every 3 s)', () => {
  it('makes the second of two consecutive requests wait minIntervalMs', async () => {
    upstream.script('/rss/cs.LG', [{ body: readFixture(FIXTURE.arxivRssWeekend) }]);
    upstream.script('/api/query', [{ body: transformer5 }]);
    const source = arxiv({ minIntervalMs: 3000 });
    await source.fetchNew(['cs.LG']);
    expect(spacerSleeps).toEqual([]);
    await source.fetchById('2606.93677');
    expect(spacerSleeps).toEqual([3000]);
    expect(upstream.requests).toHaveLength(2);
  });

  it('spaces a retry too, counting the backoff already slept', async () => {
    upstream.script('/api/query', [{ status: 503 }, { body: transformer5 }]);
    const paper = await arxiv({ minIntervalMs: 3000 }).fetchById('arXiv:2606.93677v1');
    expect(paper?.title).toBe('Trowel: A Transformer Policy for Robotic Bricklaying');
    // Backoff 250 ms (random 0.5 of 500), then the spacer waits the rest of the 3 s.
    expect(httpSleeps).toEqual([250]);
    expect(spacerSleeps).toEqual([2750]);
    expect(upstream.requestsTo('/api/query')).toHaveLength(2);
  });
});

describe('createArxivSource.fetchById against a local server', () => {
  it('asks for the id with id_list and returns that paper', async () => {
    upstream.script('/api/query', [{ body: transformer5 }]);
    const paper = await arxiv().fetchById('https://arxiv.org/abs/2606.93591');
    expect(paper?.id).toBe('2606.93591');
    expect(upstream.requests[0]?.query).toEqual({ id_list: '2606.93591', max_results: '1' });
  });

  it('returns null when the feed does not hold the paper', async () => {
    upstream.script('/api/query', [{ body: ARXIV_EMPTY_PAGE }]);
    expect(await arxiv().fetchById('2606.99999')).toBeNull();
  });

  it('rejects something that is not an arXiv id before any request', async () => {
    await expect(arxiv().fetchById('hello')).rejects.toThrow(RangeError);
    expect(upstream.requests).toHaveLength(0);
  });
});
