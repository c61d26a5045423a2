import { describe, expect, it } from 'vitest';
import { parseHfDailyPapers } from '../../src/sources/hf-daily-papers.js';
import { MalformedPayloadError, SourceErrorCode } from '../../src/sources/source-errors.js';
import { FIXTURE, HTML_ERROR_PAGE, readFixture } from '../helpers/fixtures.js';
import { describeRecorded, RECORDED, readRecordedUpstream } from '../helpers/shared-data.js';

const day = readFixture(FIXTURE.hfDay);
const mixed = readFixture(FIXTURE.hfMixed);

describe('parseHfDailyPapers on a full day (17 items, all with AI summaries)', () => {
  const { papers, skipped } = parseHfDailyPapers(day);

  it('keeps every item, in order', () => {
    expect(skipped).toEqual([]);
    expect(papers).toHaveLength(17);
    expect(papers.map((paper) => paper.id).slice(0, 3)).toEqual(['2606.90467', '2606.92730', '2606.93594']);
    expect(papers.every((paper) => paper.source === 'hf')).toBe(true);
  });

  it('maps the first item field by field', () => {
    const first = papers[0];
    expect(first).toMatchObject({
      id: '2606.90467',
      title: 'Rooftop Listening: Self-Supervised Denoising for Urban Bird-Call Recordings',
      authors: ['Odile Marchetti', 'Rune Kvalheim', 'T. Anselm Ocampo'],
      dailyDate: '2026-06-12',
      upvotes: 0,
      numComments: 2,
      organization: 'Harbourview Institute of Technology',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2606.90467.png',
    });
    expect(first?.version).toBeUndefined();
    expect(first?.abstract?.startsWith('Microphones on city rooftops record birds')).toBe(true);
    expect(first?.aiSummary?.startsWith('A denoiser trained to predict one rooftop microphone')).toBe(true);
    expect(first?.aiKeywords?.slice(0, 2)).toEqual(['bioacoustics', 'self-supervised denoising']);
  });

  it('takes publishedAt from paper.publishedAt, not the item’s US-Eastern clock time', () => {
    // item.publishedAt is 2026-05-29T20:00:00.000Z for this paper.
    expect(papers[0]?.publishedAt).toEqual(new Date('2026-05-30T00:00:00.000Z'));
  });

  it('reads code links, stars and project page when present', () => {
    expect(papers.find((paper) => paper.id === '2606.93681')).toMatchObject({
      title: 'Gridlock: A City-Scale Benchmark for Traffic-Signal Agents',
      upvotes: 118,
      githubRepo: 'https://github.com/gridlock-bench/gridlock',
      githubStars: 9,
      projectPage: 'https://gridlock-bench.github.io/gridlock/',
      organization: 'Northgate University',
    });
  });

  it('keeps authors whose HF profile is hidden, in paper order', () => {
    const paper = papers.find((p) => p.id === '2606.92575');
    expect(paper?.authors).toHaveLength(10);
    expect(paper?.authors?.slice(0, 2)).toEqual(['Eilif Marsh', 'Vesna Coltrane']);
    expect(paper?.authors?.[7]).toBe('Nadia Umberger');
  });

  it('collapses whitespace in abstracts', () => {
    expect(day).toContain('an answer cost.\\nWe report');
    for (const paper of papers) {
      expect(paper.abstract).not.toMatch(/\s\s|\n/);
      expect(paper.title).not.toMatch(/^\s|\s$/);
    }
    expect(papers.every((paper) => paper.aiSummary && paper.aiKeywords)).toBe(true);
  });
});

describe('parseHfDailyPapers on two days, some without AI fields (12 items)', () => {
  const { papers, skipped } = parseHfDailyPapers(mixed);

  it('keeps items that lack the optional AI fields', () => {
    expect(skipped).toEqual([]);
    expect(papers).toHaveLength(12);
    expect(papers.filter((paper) => paper.aiKeywords !== undefined)).toHaveLength(5);
    expect(papers.filter((paper) => paper.aiSummary !== undefined)).toHaveLength(5);
    const vetScan = papers[0];
    expect(vetScan?.id).toBe('2607.97673');
    expect(vetScan?.aiSummary).toBeUndefined();
    expect(vetScan?.aiKeywords).toBeUndefined();
    expect(vetScan?.projectPage).toBeUndefined();
    expect(vetScan?.authors?.slice(0, 2)).toEqual(['Hanne Solberg', 'Dario Mensah']);
  });

  it('gives each paper its own Daily Papers day', () => {
    const days = papers.map((paper) => paper.dailyDate);
    expect(days.filter((d) => d === '2026-07-13')).toHaveLength(7);
    expect(days.filter((d) => d === '2026-07-10')).toHaveLength(5);
  });

  it('leaves out organization, repo and stars when HF has none', () => {
    const paper = papers.find((p) => p.id === '2607.99415');
    expect(paper).toMatchObject({ upvotes: 5, numComments: 0 });
    expect(paper?.organization).toBeUndefined();
    expect(paper?.githubRepo).toBeUndefined();
    expect(paper?.githubStars).toBeUndefined();
  });
});

describe('parseHfDailyPapers on bad input', () => {
  const items = (): Record<string, unknown>[] => JSON.parse(day).slice(0, 4);

  it('skips an item that fails validation, with its id and the reason, and keeps the rest', () => {
    const list = items();
    const broken = list[1] as { paper: Record<string, unknown> };
    delete broken.paper.title;
    const { papers, skipped } = parseHfDailyPapers(JSON.stringify(list));
    expect(papers.map((paper) => paper.id)).toEqual(['2606.90467', '2606.93594', '2606.93174']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.id).toBe('2606.92730');
    expect(skipped[0]?.reason).toMatch(/^paper\.title: /);
  });

  it('names an item without an id by its position', () => {
    const list = items();
    delete (list[2] as { paper: Record<string, unknown> }).paper.id;
    list.push({ nonsense: true });
    const { papers, skipped } = parseHfDailyPapers(JSON.stringify(list));
    expect(papers).toHaveLength(3);
    expect(skipped.map((item) => item.id)).toEqual(['#2', '#4']);
    expect(skipped[0]?.reason).toMatch(/paper\.id/);
    expect(skipped[1]?.reason).toMatch(/^paper: /);
  });

  it('skips an item whose id is not an arXiv id, or whose counts have the wrong type', () => {
    const list = items();
    (list[0] as { paper: Record<string, unknown> }).paper.id = 'not-an-id';
    (list[3] as { paper: Record<string, unknown> }).paper.upvotes = 'many';
    const { papers, skipped } = parseHfDailyPapers(JSON.stringify(list));
    expect(papers).toHaveLength(2);
    expect(skipped).toEqual([
      { id: 'not-an-id', reason: 'paper.id: not an arXiv id' },
      { id: '2606.93174', reason: expect.stringMatching(/^paper\.upvotes: /) },
    ]);
  });

  it('reads null like an absent field and tolerates unknown fields', () => {
    const list = items();
    const paper = (list[0] as { paper: Record<string, unknown> }).paper;
    Object.assign(paper, {
      ai_summary: null,
      ai_keywords: null,
      organization: null,
      brandNewField: { x: 1 },
    });
    (list[0] as Record<string, unknown>).organization = null;
    const { papers, skipped } = parseHfDailyPapers(JSON.stringify(list));
    expect(skipped).toEqual([]);
    expect(papers[0]?.aiSummary).toBeUndefined();
    expect(papers[0]?.aiKeywords).toBeUndefined();
    expect(papers[0]?.organization).toBeUndefined();
  });

  it('falls back to the item’s organization when the paper has none', () => {
    const list = items();
    const item = list[0] as { paper: Record<string, unknown>; organization?: unknown };
    delete item.paper.organization;
    item.organization = { name: 'someorg' };
    expect(parseHfDailyPapers(JSON.stringify(list)).papers[0]?.organization).toBe('someorg');
  });

  it('accepts an empty page', () => {
    expect(parseHfDailyPapers('[]')).toEqual({ papers: [], skipped: [] });
  });

  it.each([
    ['broken JSON', '[{"paper": {"id": "2606.90467"', /JSON array/],
    ['an HTML error page', HTML_ERROR_PAGE, /<!DOCTYPE html> <html><head><title>502 Bad Gateway/],
    ['a JSON object', '{"error":"Invalid date"}', /got a JSON value.*\{"error":"Invalid date"\}/],
    ['an empty body', '', /JSON array/],
  ])('throws MalformedPayloadError for %s', (_name, body, message) => {
    let thrown: unknown;
    try {
      parseHfDailyPapers(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MalformedPayloadError);
    expect((thrown as MalformedPayloadError).code).toBe(SourceErrorCode.MalformedPayload);
    expect((thrown as Error).message).toMatch(message);
  });

  it('shows at most the first 80 characters of a bad body', () => {
    const body = `<html>${'x'.repeat(500)}</html>`;
    const error = (() => {
      try {
        parseHfDailyPapers(body);
      } catch (e) {
        return e as MalformedPayloadError;
      }
      throw new Error('did not throw');
    })();
    expect(error.snippet).toBe(`${body.slice(0, 80)}…`);
    expect(error.message.length).toBeLessThan(200);
  });
});

interface RawItem {
  paper: {
    id: string;
    title: string;
    summary?: string;
    authors?: { name: string }[];
    publishedAt?: string;
    submittedOnDailyAt?: string;
    upvotes?: number;
    ai_summary?: string;
    ai_keywords?: string[];
    githubRepo?: string;
    githubStars?: number;
  };
  publishedAt?: string;
  numComments?: number;
}

describeRecorded('parseHfDailyPapers on real Daily Papers responses', () => {
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

  it.each([RECORDED.hfDay30, RECORDED.hfMixed25])('reads every item of %s as the raw JSON says', (name) => {
    const body = readRecordedUpstream(name);
    const raw: RawItem[] = JSON.parse(body);
    const { papers, skipped } = parseHfDailyPapers(body);

    expect(skipped).toEqual([]);
    expect(papers.map((paper) => paper.id)).toEqual(raw.map((item) => item.paper.id));
    papers.forEach((paper, index) => {
      const { paper: source, numComments } = raw[index] as RawItem;
      expect(paper).toMatchObject({
        title: collapse(source.title),
        abstract: source.summary === undefined ? undefined : collapse(source.summary),
        authors: source.authors?.map((author) => author.name.trim()),
        dailyDate: source.submittedOnDailyAt?.slice(0, 10),
        upvotes: source.upvotes,
        numComments,
        aiKeywords: source.ai_keywords,
        githubRepo: source.githubRepo,
        githubStars: source.githubStars,
        source: 'hf',
      });
      expect(paper.aiSummary === undefined).toBe(source.ai_summary === undefined);
      expect(paper.publishedAt?.toISOString()).toBe(source.publishedAt);
      expect(paper.abstract ?? '').not.toMatch(/\s\s|\n/);
    });
  });

  it('takes the paper’s own publication date where the item carries a US-Eastern clock time', () => {
    const raw: RawItem[] = JSON.parse(readRecordedUpstream(RECORDED.hfDay30));
    const shifted = raw.filter((item) => item.publishedAt !== item.paper.publishedAt);
    expect(shifted.length).toBeGreaterThan(0);
  });

  it('keeps every item when some lack the AI fields', () => {
    const raw: RawItem[] = JSON.parse(readRecordedUpstream(RECORDED.hfMixed25));
    const { papers } = parseHfDailyPapers(readRecordedUpstream(RECORDED.hfMixed25));
    const withSummary = raw.filter((item) => item.paper.ai_summary !== undefined).length;
    expect(withSummary).toBeGreaterThan(0);
    expect(withSummary).toBeLessThan(raw.length);
    expect(papers.filter((paper) => paper.aiSummary !== undefined)).toHaveLength(withSummary);
  });
});
