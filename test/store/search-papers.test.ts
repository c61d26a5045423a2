import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../src/core/search.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { chooseScan } from '../../src/store/candidate-scan.js';
import { holdsPhrase, windowSizes } from '../../src/store/candidate-windows.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createPaperSearch, withoutExclusions } from '../../src/store/search-papers.js';
import { correctQuery } from '../../src/store/typo-correction.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { createForcedScanSearch } from '../helpers/forced-scan-search.js';
import { describeEachDatabase, openTestDatabase, postgresUrl } from '../helpers/test-database.js';

const now = new Date('2026-07-14T00:00:00Z');
/** The date search filters and sorts on: the later of arXiv publication and the Daily Papers day. */
const paperDate = (paper: { publishedAt: Date | null; dailyDate: string | null }): number =>
  Math.max(
    paper.publishedAt?.getTime() ?? 0,
    paper.dailyDate ? Date.parse(`${paper.dailyDate}T00:00:00Z`) : 0,
  );
const ids = (hits: { paper: { id: string } }[]) => hits.map((hit) => hit.paper.id);

async function openCorpus(driver: 'pglite' | 'postgres') {
  const handle = await openTestDatabase(driver);
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus(), new Date('2026-07-13T12:00:00Z'));
  return handle;
}

describeEachDatabase('search on the fixture corpus', (driver) => {
  let handle: DatabaseHandle;
  const search = (request: Partial<SearchRequest> & { query: string }) =>
    createPaperSearch(handle.db).search({ limit: 10, ...request }, now);

  beforeAll(async () => {
    handle = await openCorpus(driver);
  });
  afterAll(async () => handle?.close());

  it('finds "lora" in a hyphenated title and in "Low-Rank Adaptation (LoRA)", title matches first', async () => {
    const results = await search({ query: 'lora' });
    expect(results.fuzzy).toBe(false);
    // The survey and the hyphenated LoRA-Tune name LoRA in their titles; 2605.99685 only in its abstract.
    expect(ids(results.hits)).toEqual(['2607.94021', '2606.95961', '2605.99685']);
    // "exploration" contains the letters l-o-r-a but is not the word.
    expect(ids(results.hits)).not.toContain('2606.90423');
  });

  it('matches hyphenated names and acronyms whole or in parts', async () => {
    expect(ids((await search({ query: 'ORCA-MT' })).hits)).toEqual(['2607.98688']);
    expect(ids((await search({ query: 'orca' })).hits)).toContain('2607.98688');
    const hyphenated = ids((await search({ query: 'vision-language' })).hits);
    const spaced = ids((await search({ query: 'vision language' })).hits);
    expect(hyphenated).toContain('2607.99450');
    expect(spaced).toContain('2607.99450');
  });

  it('supports quoted phrases, OR and -exclusions', async () => {
    expect(ids((await search({ query: '"sparse attention"' })).hits)).toEqual(['2606.93392']);
    const either = ids((await search({ query: 'grokking OR quantization', limit: 25 })).hits);
    expect(either).toEqual(expect.arrayContaining(['2601.94697', '2607.97964']));

    const all = await search({ query: 'benchmark', limit: 25 });
    const withoutAgents = await search({ query: 'benchmark -agents', limit: 25 });
    expect(withoutAgents.total).toBeGreaterThan(0);
    expect(withoutAgents.total).toBeLessThan(all.total);
    for (const { paper } of withoutAgents.hits) {
      expect(`${paper.title} ${paper.abstract} ${(paper.aiKeywords ?? []).join(' ')}`).not.toMatch(
        /\bagents?\b/i,
      );
    }
    expect(withoutAgents.hits[0]?.score).toBeGreaterThan(0.01);
  });

  it('searches author names', async () => {
    expect(ids((await search({ query: 'Quarrington' })).hits)).toEqual(['2606.93677']);
  });

  it("corrects a misspelling against the stored titles' words and says so", async () => {
    const results = await search({ query: 'grokkng' });
    expect(results.fuzzy).toBe(true);
    expect(results.query).toBe('grokkng');
    expect(results.correctedQuery).toBe('grokking');
    expect(ids(results.hits)).toEqual(['2601.94697']);
  });

  it('corrects only plain words: OR, exclusions, phrases and hyphenated words stay as typed', async () => {
    expect(
      await correctQuery(handle.db, 'grokkng OR quantizaton -survy "sparce attention" visoin-language'),
    ).toBe('grokking OR quantization -survy "sparce attention" visoin-language');
    expect(await correctQuery(handle.db, 'grokking')).toBeUndefined();
    expect(await correctQuery(handle.db, 'zzzzqqqq')).toBeUndefined();
    const nothing = await search({ query: 'zzzzqqqq' });
    expect({ total: nothing.total, fuzzy: nothing.fuzzy }).toEqual({ total: 0, fuzzy: false });
  });

  it('learns the words of papers as they are stored and updated', async () => {
    const store = createPaperStore(handle.db);
    const [base] = fixtureCorpus();
    if (!base) throw new Error('the fixture corpus is empty');
    await store.upsertPapers([{ ...base, id: '2699.00001', title: 'Quokkanets for sparse retrieval' }], now);
    expect(await correctQuery(handle.db, 'quokanets')).toBe('quokkanets');
    await store.upsertPapers(
      [{ ...base, id: '2699.00001', title: 'Wombatformers for sparse retrieval' }],
      now,
    );
    expect(await correctQuery(handle.db, 'wombatformrs')).toBe('wombatformers');
    expect((await search({ query: 'wombatformrs' })).hits.map(({ paper }) => paper.id)).toEqual([
      '2699.00001',
    ]);
  });

  it('ranks a title match above a popular paper that only mentions the word', async () => {
    // 2606.93681 has 118 upvotes and mentions "sparse" in its abstract; boosts must stay modest.
    const results = await search({ query: 'sparse' });
    expect(ids(results.hits)[0]).toBe('2606.93392');
  });

  it('filters by since and source, sorts by upvotes or date, pages with limit and offset', async () => {
    const recent = await search({ query: 'benchmark', since: new Date('2026-07-10T00:00:00Z'), limit: 25 });
    expect(recent.total).toBeGreaterThan(0);
    for (const { paper } of recent.hits)
      expect(paperDate(paper)).toBeGreaterThanOrEqual(Date.parse('2026-07-10'));
    const hfOnly = await search({ query: 'benchmark', source: 'hf', limit: 25 });
    expect(hfOnly.hits.every(({ paper }) => paper.sources.includes('hf'))).toBe(true);
    expect(hfOnly.total).toBeLessThan((await search({ query: 'benchmark', limit: 25 })).total);

    const byUpvotes = await search({ query: 'benchmark', sort: 'upvotes', limit: 5 });
    const upvotes = byUpvotes.hits.map(({ paper }) => paper.upvotes ?? -1);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(byUpvotes.hits[0]?.paper.id).toBe('2606.93681');

    const byDate = await search({ query: 'transformer', sort: 'date', limit: 25 });
    const dates = byDate.hits.map(({ paper }) => paperDate(paper));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    const first = await search({ query: 'benchmark', limit: 3 });
    const second = await search({ query: 'benchmark', limit: 3, offset: 3 });
    expect(first.total).toBe(second.total);
    expect(ids(second.hits)).not.toContain(ids(first.hits)[0]);
    expect((await search({ query: 'benchmark', limit: 3, offset: 500 })).total).toBe(first.total);
  });

  it('returns nothing, not an error, for a query with no letters', async () => {
    const results = await search({ query: '!!! ((' });
    expect(results.total).toBe(0);
  });
});

describeEachDatabase('search candidates walked in date order or taken from the index', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openCorpus(driver);
  });
  afterAll(async () => handle?.close());

  it.each([
    ['model'],
    ['"sparse attention"'],
    ['"rank of the update"'],
    ['benchmark -agents'],
    ['grokking OR quantization'],
  ])('gives the same page for %s either way', async (query) => {
    for (const sort of ['relevance', 'date', 'upvotes'] as const) {
      const request = { query, limit: 25, sort };
      const walked = await createForcedScanSearch(handle.db, 'walk').search(request, now);
      const indexed = await createForcedScanSearch(handle.db, 'index').search(request, now);
      // The newest 10 papers first, then the rest.
      const windowed = await createForcedScanSearch(handle.db, 'index', { windows: [10] }).search(
        request,
        now,
      );
      expect(walked.total).toBeGreaterThan(0);
      expect(ids(indexed.hits)).toEqual(ids(walked.hits));
      expect(indexed.total).toBe(walked.total);
      expect(ids(windowed.hits)).toEqual(ids(walked.hits));
      expect(windowed.total).toBe(walked.total);
    }
  });

  it('takes the newest matches from the window first, and from older papers when it falls short', async () => {
    // A cap of 4: windows of the newest 1, then 2, then 3 papers fall short, one of 12 holds enough. Either way
    // the candidates are the newest 4 matches, as the walk finds them.
    for (const windows of [[1, 2, 3], [12], [3, 12, 20]]) {
      for (const sort of ['relevance', 'date'] as const) {
        const request = { query: 'benchmark', limit: 25, sort };
        const walked = await createForcedScanSearch(handle.db, 'walk', { maxCandidates: 4 }).search(
          request,
          now,
        );
        const windowed = await createForcedScanSearch(handle.db, 'index', {
          maxCandidates: 4,
          windows,
        }).search(request, now);
        expect(walked.totalCapped).toBe(true);
        expect({ windows, sort, ids: ids(windowed.hits) }).toEqual({ windows, sort, ids: ids(walked.hits) });
      }
    }
  });

  it('asks the planner how many papers match and leaves the search results alone', async () => {
    await createPaperStore(handle.db).refreshStatistics();
    const planned = await createPaperSearch(handle.db).search({ query: 'model', limit: 10 }, now);
    const walked = await createForcedScanSearch(handle.db, 'walk').search({ query: 'model', limit: 10 }, now);
    expect(ids(planned.hits)).toEqual(ids(walked.hits));
  });
});

describe('windowSizes', () => {
  it('reads the newest papers first when many match, from a window for about twice the cap, four times larger next', () => {
    expect(windowSizes(2_000, 1_000_000, 1000, false)).toEqual([]);
    expect(windowSizes(30_000, 1_000_000, 1000, false)).toEqual([66_667, 266_668]);
    expect(windowSizes(30_000, 0, 1000, false)).toEqual([]);
  });

  it('starts a phrase from a window whatever the estimate says', () => {
    expect(windowSizes(1, 1_000_000, 1000, true)).toEqual([16_000, 64_000, 256_000]);
    expect(windowSizes(200_000, 1_000_000, 1000, true)).toEqual([10_000, 40_000, 160_000]);
    expect(holdsPhrase('"large language"')).toBe(true);
    expect(holdsPhrase('GPT-4o')).toBe(true);
    expect(holdsPhrase('lora -survey')).toBe(false);
  });
});

describe('chooseScan', () => {
  it('walks only when most papers match', () => {
    expect(chooseScan(90_000, 100_000, 1000)).toBe('walk');
    expect(chooseScan(6_000, 100_000, 1000)).toBe('index');
    expect(chooseScan(20, 100, 1000)).toBe('index');
    expect(chooseScan(0, 0, 1000)).toBe('index');
  });
});

describe('withoutExclusions', () => {
  it('drops excluded words and phrases only', () => {
    expect(withoutExclusions('lora -survey "low rank" -"vision language" self-attention')).toBe(
      'lora  "low rank"  self-attention',
    );
  });
});

describe.runIf(postgresUrl)('search parity', () => {
  it('gives the same results on PGlite and Postgres', async () => {
    const [pglite, server] = await Promise.all([openCorpus('pglite'), openCorpus('postgres')]);
    try {
      for (const query of [
        'lora',
        'vision-language',
        '"sparse attention"',
        'benchmark -agents',
        'grokkng',
        'agent OR memory',
      ]) {
        for (const sort of ['relevance', 'upvotes', 'date'] as const) {
          const request = { query, limit: 25, sort };
          const [a, b] = await Promise.all([
            createPaperSearch(pglite.db).search(request, now),
            createPaperSearch(server.db).search(request, now),
          ]);
          expect({ query, sort, ids: ids(a.hits), total: a.total }).toEqual({
            query,
            sort,
            ids: ids(b.hits),
            total: b.total,
          });
        }
      }
    } finally {
      await Promise.all([pglite.close(), server.close()]);
    }
  });
});
