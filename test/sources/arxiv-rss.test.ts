import { describe, expect, it } from 'vitest';
import { parseArxivRss } from '../../src/sources/arxiv-rss.js';
import { MalformedPayloadError } from '../../src/sources/source-errors.js';
import { FIXTURE, HTML_ERROR_PAGE, readFixture } from '../helpers/fixtures.js';
import { describeRecorded, RECORDED, readRecordedUpstream } from '../helpers/shared-data.js';

const weekday = readFixture(FIXTURE.arxivRssWeekday);

describe('parseArxivRss', () => {
  it('returns an empty batch for a weekend feed, which has no items', () => {
    expect(parseArxivRss(readFixture(FIXTURE.arxivRssWeekend))).toEqual({ papers: [], skipped: [] });
  });

  it('keeps only new submissions by default', () => {
    const { papers, skipped } = parseArxivRss(weekday);
    expect(skipped).toEqual([]);
    expect(papers).toEqual([
      {
        id: '2608.90101',
        version: 1,
        title: 'Synthetic Sparse Mixtures for Testing Feed Parsers',
        abstract:
          'This synthetic abstract stands in for a real one. It has a hard line break, an ampersand & a less-than sign < so that entity decoding is exercised.',
        authors: ['Ada Example', 'Grace Sample', 'Alan Placeholder'],
        publishedAt: new Date('2026-08-04T04:00:00Z'),
        categories: ['cs.LG', 'cs.AI'],
        links: { abs: 'https://arxiv.org/abs/2608.90101' },
        source: 'arxiv',
      },
    ]);
  });

  it('adds cross-listings when asked, and never replacements', () => {
    const { papers } = parseArxivRss(weekday, { includeCross: true });
    expect(papers.map((paper) => paper.id)).toEqual(['2608.90101', '2608.90202']);
    expect(papers[1]).toMatchObject({
      authors: ['Barbara Synthetic'],
      categories: ['cs.CL', 'cs.LG'],
      abstract: 'A synthetic paper whose primary category is cs.CL, cross-listed into cs.LG.',
    });
  });

  it('skips a wanted item without a usable id, with a reason', () => {
    const xml = weekday
      .replace('<guid isPermaLink="false">oai:arXiv.org:2608.90101v1</guid>', '')
      .replace('<link>https://arxiv.org/abs/2608.90101</link>', '')
      .replace('arXiv:2608.90101v1 Announce', 'Announce');
    const { papers, skipped } = parseArxivRss(xml, { includeCross: true });
    expect(papers.map((paper) => paper.id)).toEqual(['2608.90202']);
    expect(skipped).toEqual([{ id: '#0', reason: 'item has no arXiv id' }]);
  });

  it.each([
    ['broken XML', '<rss version="2.0"><channel><item>', /XML error/],
    ['an HTML error page', HTML_ERROR_PAGE, /XML error/],
    ['an Atom feed', readFixture(FIXTURE.arxivTransformer), /found <feed>/],
    ['an RSS root without a channel', '<rss version="2.0"/>', /without an RSS <channel>/],
  ])('throws MalformedPayloadError for %s', (_name, body, message) => {
    expect(() => parseArxivRss(body)).toThrow(MalformedPayloadError);
    expect(() => parseArxivRss(body)).toThrow(message);
  });
});

describeRecorded('parseArxivRss on a real feed', () => {
  it('returns an empty batch for the recorded weekend feed', () => {
    expect(parseArxivRss(readRecordedUpstream(RECORDED.arxivRssWeekend))).toEqual({
      papers: [],
      skipped: [],
    });
  });
});
