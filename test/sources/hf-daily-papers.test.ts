import { describe, expect, it } from 'vitest';
import { parseHfDailyPapers } from '../../src/sources/hf-daily-papers.js';
import { MalformedPayloadError, SourceErrorCode } from '../../src/sources/source-errors.js';
import { HF_DAY_30, HF_MIXED_25, HTML_ERROR_PAGE, readUpstreamFixture } from '../helpers/fixtures.js';

const day30 = readUpstreamFixture(HF_DAY_30);
const mixed25 = readUpstreamFixture(HF_MIXED_25);

describe('parseHfDailyPapers on a full day (30 items, all with AI summaries)', () => {
  const { papers, skipped } = parseHfDailyPapers(day30);

  it('keeps every item, in order', () => {
    expect(skipped).toEqual([]);
    expect(papers).toHaveLength(30);
    expect(papers.map((paper) => paper.id).slice(0, 3)).toEqual(['2606.00467', '2606.12730', '2606.13594']);
    expect(papers.every((paper) => paper.source === 'hf')).toBe(true);
  });

  it('maps the first item field by field', () => {
    const first = papers[0];
    expect(first).toMatchObject({
      id: '2606.00467',
      title:
        'On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance',
      authors: ['Etienne Casanova', 'Rafal Kocielnik', 'R. Michael Alvarez'],
      dailyDate: '2026-06-12',
      upvotes: 0,
      numComments: 2,
      organization: 'California institute of technology',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2606.00467.png',
    });
    expect(first?.version).toBeUndefined();
    expect(first?.abstract?.startsWith('Large Language Models (LLMs) are increasingly used')).toBe(true);
    expect(first?.aiSummary?.startsWith('Large language models exhibit limited ability')).toBe(true);
    expect(first?.aiKeywords?.slice(0, 2)).toEqual(['zero-shot annotation', 'LLM-as-a-judge']);
  });

  it('takes publishedAt from paper.publishedAt, not the item’s US-Eastern clock time', () => {
    // item.publishedAt is 2026-05-29T20:00:00.000Z for this paper.
    expect(papers[0]?.publishedAt).toEqual(new Date('2026-05-30T00:00:00.000Z'));
  });

  it('reads code links, stars and project page when present', () => {
    const evoArena = papers.find((paper) => paper.id === '2606.13681');
    expect(evoArena).toMatchObject({
      title: 'EvoArena: Tracking Memory Evolution for Robust LLM Agents in Dynamic Environments',
      upvotes: 118,
      githubRepo: 'https://github.com/Aiden0526/EvoArena',
      githubStars: 9,
      projectPage: 'https://aiden0526.github.io/EvoArena/',
      organization: 'Massachusetts Institute of Technology',
    });
  });

  it('keeps authors whose HF profile is hidden, in paper order', () => {
    const paper = papers.find((p) => p.id === '2606.12575');
    expect(paper?.authors).toHaveLength(10);
    expect(paper?.authors?.slice(2, 5)).toEqual(['David Liu', 'Dengyang Jiang', 'Liangchen Li']);
  });

  it('collapses whitespace in abstracts', () => {
    for (const paper of papers) {
      expect(paper.abstract).not.toMatch(/\s\s|\n/);
      expect(paper.title).not.toMatch(/^\s|\s$/);
    }
    expect(papers.every((paper) => paper.aiSummary && paper.aiKeywords)).toBe(true);
  });
});

describe('parseHfDailyPapers on two days, some without AI fields (25 items)', () => {
  const { papers, skipped } = parseHfDailyPapers(mixed25);

  it('keeps items that lack the optional AI fields', () => {
    expect(skipped).toEqual([]);
    expect(papers).toHaveLength(25);
    expect(papers.filter((paper) => paper.aiKeywords !== undefined)).toHaveLength(10);
    expect(papers.filter((paper) => paper.aiSummary !== undefined)).toHaveLength(10);
    const medPmc = papers[0];
    expect(medPmc?.id).toBe('2607.07673');
    expect(medPmc?.aiSummary).toBeUndefined();
    expect(medPmc?.aiKeywords).toBeUndefined();
    expect(medPmc?.projectPage).toBeUndefined();
    expect(medPmc?.authors?.slice(0, 2)).toEqual(['Hyunjae Kim', 'Dain Kim']);
  });

  it('gives each paper its own Daily Papers day', () => {
    const days = papers.map((paper) => paper.dailyDate);
    expect(days.filter((day) => day === '2026-07-13')).toHaveLength(14);
    expect(days.filter((day) => day === '2026-07-10')).toHaveLength(11);
  });

  it('leaves out organization, repo and stars when HF has none', () => {
    const paper = papers.find((p) => p.id === '2607.09415');
    expect(paper).toMatchObject({ upvotes: 5, numComments: 0 });
    expect(paper?.organization).toBeUndefined();
    expect(paper?.githubRepo).toBeUndefined();
    expect(paper?.githubStars).toBeUndefined();
  });
});

describe('parseHfDailyPapers on bad input', () => {
  const items = (): Record<string, unknown>[] => JSON.parse(day30).slice(0, 4);

  it('skips an item that fails validation, with its id and the reason, and keeps the rest', () => {
    const list = items();
    const broken = list[1] as { paper: Record<string, unknown> };
    delete broken.paper.title;
    const { papers, skipped } = parseHfDailyPapers(JSON.stringify(list));
    expect(papers.map((paper) => paper.id)).toEqual(['2606.00467', '2606.13594', '2606.13174']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.id).toBe('2606.12730');
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
      { id: '2606.13174', reason: expect.stringMatching(/^paper\.upvotes: /) },
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
    ['broken JSON', '[{"paper": {"id": "2606.00467"', /JSON array/],
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
