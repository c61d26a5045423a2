import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { HELP_ENTRIES } from '../../src/core/commands/help-text.js';
import { parseCommand } from '../../src/core/commands/parse-command.js';
import { silentLogger } from '../../src/core/logger.js';
import type { PaperInput } from '../../src/core/paper.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { fillEmptyStore } from '../../src/ingest/fill-empty-store.js';
import { loadSamplePapers, recentSample, shiftByWeeks, weeksUntil } from '../../src/ingest/sample.js';
import type { Services } from '../../src/services.js';
import { createIngestRunStore } from '../../src/store/ingest-run-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { describeEachDatabase, openTestDatabase, resetTables } from '../helpers/test-database.js';

/** The sample as written: Mon 13 Jul 2026 is its newest Daily-Papers day, so on 14 Jul nothing moves. */
const AS_WRITTEN = new Date('2026-07-14T08:00:00Z');

describe('weeksUntil', () => {
  it.each([
    ['2026-07-13', '2026-07-13', 0],
    ['2026-07-13', '2026-07-19', 0],
    ['2026-07-13', '2026-07-20', 1],
    ['2026-07-13', '2026-12-01', 20],
    ['2026-07-13', '2027-01-04', 25],
    ['2026-07-13', '2026-07-12', -1],
    ['2026-07-13', '2026-07-01', -2],
  ])('from %s to the same weekday not after %s: %i weeks', (day, today, weeks) => {
    expect(weeksUntil(day, today)).toBe(weeks);
  });
});

describe('recentSample', () => {
  const papers: PaperInput[] = [
    {
      id: '2607.91208',
      title: 'Newest day',
      source: 'hf',
      dailyDate: '2026-07-13',
      publishedAt: new Date('2026-07-12T00:00:00Z'),
    },
    {
      id: '2607.92231',
      title: 'Friday before',
      source: 'hf',
      dailyDate: '2026-07-10',
      publishedAt: new Date('2026-07-09T00:00:00Z'),
    },
    {
      id: '2607.95822',
      title: 'arXiv only',
      source: 'arxiv',
      publishedAt: new Date('2026-07-13T12:20:16Z'),
      updatedAt: new Date('2026-07-14T08:00:00Z'),
    },
  ];

  it('moves every date 20 weeks on a Tuesday in December, so the newest day is the Monday before', () => {
    expect(recentSample(papers, new Date('2026-12-01T09:00:00Z'))).toEqual([
      { ...papers[0], dailyDate: '2026-11-30', publishedAt: new Date('2026-11-29T00:00:00Z') },
      { ...papers[1], dailyDate: '2026-11-27', publishedAt: new Date('2026-11-26T00:00:00Z') },
      {
        ...papers[2],
        publishedAt: new Date('2026-11-30T12:20:16Z'),
        updatedAt: new Date('2026-12-01T08:00:00Z'),
      },
    ]);
  });

  it('makes the newest day today when today is that weekday', () => {
    expect(recentSample(papers, new Date('2026-11-30T23:59:59Z')).map((paper) => paper.dailyDate)).toEqual([
      '2026-11-30',
      '2026-11-27',
      undefined,
    ]);
  });

  it('goes by the UTC day: Sunday evening in New York is Monday in UTC', () => {
    expect(recentSample(papers, new Date('2026-11-29T23:30:00-05:00'))[0]?.dailyDate).toBe('2026-11-30');
    expect(recentSample(papers, new Date('2026-11-29T18:00:00-05:00'))[0]?.dailyDate).toBe('2026-11-23');
  });

  it('keeps the sample as it is in the week it was written, and moves it back before', () => {
    expect(recentSample(papers, AS_WRITTEN)).toEqual(papers);
    expect(recentSample(papers, new Date('2026-07-01T12:00:00Z'))[0]).toEqual({
      ...papers[0],
      dailyDate: '2026-06-29',
      publishedAt: new Date('2026-06-28T00:00:00Z'),
    });
  });

  it('leaves papers without any Daily-Papers day, and its input, unchanged', () => {
    const arxivOnly = [papers[2]!];
    expect(recentSample(arxivOnly, new Date('2026-12-01T09:00:00Z'))).toEqual(arxivOnly);
    shiftByWeeks(papers, 3);
    expect(papers[0]?.dailyDate).toBe('2026-07-13');
    expect(papers[0]?.publishedAt).toEqual(new Date('2026-07-12T00:00:00Z'));
  });
});

describe('the bundled sample', () => {
  it('is the invented fixture corpus without thumbnails (rebuild: npx tsx scripts/build-sample.ts)', async () => {
    const expected = fixtureCorpus().map(({ thumbnail: _thumbnail, ...paper }) => paper);
    expect(await loadSamplePapers(AS_WRITTEN)).toEqual(expected);
  });

  it('uses ids above 90000, which no arXiv month reaches', async () => {
    const ids = (await loadSamplePapers(AS_WRITTEN)).map((paper) => paper.id);
    expect(new Set(ids).size).toBe(54);
    for (const id of ids) expect(Number(id.split('.')[1]), id).toBeGreaterThanOrEqual(90000);
  });

  it('has what the README examples search for', async () => {
    const sample = await loadSamplePapers(AS_WRITTEN);
    const ids = (test: (paper: PaperInput) => boolean) => [...new Set(sample.filter(test).map((p) => p.id))];
    const text = (paper: PaperInput) => `${paper.title} ${paper.abstract ?? ''}`.toLowerCase();
    expect(ids((paper) => /\blora\b/.test(text(paper)) && !text(paper).includes('survey'))).toEqual([
      '2606.95961',
      '2605.99685',
    ]);
    expect(ids((paper) => text(paper).includes('vision language')).sort()).toEqual([
      '2607.92231',
      '2607.94777',
    ]);
    expect(ids((paper) => /diffusion transformers?\b/.test(text(paper))).length).toBeGreaterThan(5);
    expect(ids((paper) => paper.authors?.includes('Ilse Marrow') ?? false).sort()).toEqual([
      '2607.91208',
      '2607.92231',
      '2607.93583',
      '2607.95822',
      '2607.99657',
    ]);
    expect(ids((paper) => text(paper).includes('grokking'))).toEqual(['2601.94697']);
    expect(ids((paper) => paper.id === '2606.93392' && paper.githubRepo !== undefined)).toHaveLength(1);
    expect(ids((paper) => paper.categories?.includes('cs.CL') ?? false).length).toBeGreaterThan(5);
    expect([...new Set(sample.flatMap((paper) => paper.dailyDate ?? []))].sort()).toEqual([
      '2026-06-12',
      '2026-07-10',
      '2026-07-13',
    ]);
  });
});

describe('the help examples', () => {
  it('name a paper and an author of the sample', async () => {
    const sample = await loadSamplePapers(AS_WRITTEN);
    const examples = HELP_ENTRIES.map((entry) => parseCommand(entry.example));
    const paper = examples.flatMap((result) =>
      result.ok && result.value.kind === 'paper' ? [result.value] : [],
    );
    expect(paper.map((command) => command.id)).toEqual(['2606.93392']);
    expect(sample.some((entry) => entry.id === '2606.93392')).toBe(true);
    const authors = examples.flatMap((result) =>
      result.ok && result.value.kind === 'subscribe'
        ? result.value.terms.filter((term) => term.kind === 'author').map((term) => term.value)
        : [],
    );
    expect(authors).toEqual(['Ilse Marrow']);
    expect(sample.filter((entry) => entry.authors?.includes('Ilse Marrow')).length).toBeGreaterThanOrEqual(5);
  });
});

describeEachDatabase('fillEmptyStore with no source reachable', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetTables(handle));

  it('loads the sample dated to the weeks before now, says it is invented, and keeps both sources', async () => {
    const parsed = parseConfig({ HF_API_URL: 'http://127.0.0.1:9' });
    if (!parsed.ok) throw new Error('bad config');
    const papers = createPaperStore(handle.db);
    const services = { papers, runs: createIngestRunStore(handle.db) } as unknown as Services;
    const lines: string[] = [];
    await fillEmptyStore({
      services,
      config: parsed.config,
      logger: silentLogger,
      out: (line) => lines.push(line),
      now: new Date('2026-12-01T09:00:00Z'),
    });

    expect(lines[1]).toMatch(
      /^No paper source could be reached \(.+\)\. Loaded the bundled sample of 54 papers, invented for trying paperboy \(not real research\), so you can try every command offline\.$/,
    );
    expect(await papers.countPapers()).toBe(54);
    const [lattice, pixels] = await papers.getPapers(['2606.93392', '2607.99657']);
    expect(lattice?.dailyDate).toBe('2026-10-30');
    expect(pixels?.dailyDate).toBe('2026-11-30');
    expect(pixels?.publishedAt).toEqual(new Date('2026-11-29T17:41:09Z'));
    expect(pixels?.sources.sort()).toEqual(['arxiv', 'hf']);
  });
});
