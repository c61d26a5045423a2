import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/', import.meta.url);

/**
 * The project's own source fixtures in `test/fixtures/` (see its README): responses in the shapes Hugging Face
 * and arXiv send, with papers, people and ids we invented. Recorded real responses stay in `../shared/`
 * (`shared-data.ts`).
 */
export const FIXTURE = {
  /** A full Daily-Papers day, Friday 2026-06-12: 17 items, every one with AI summary and keywords. */
  hfDay: 'hf_daily_papers_2026-06-12.json',
  /** An answer without `date`: 7 items of Monday 2026-07-13 and 5 of Friday 2026-07-10, 5 with AI fields. */
  hfMixed: 'hf_daily_papers_mixed_2026-07-13.json',
  /** arXiv query API, 2026 format: `all:transformer AND cat:cs.LG`, 5 entries. */
  arxivTransformer: 'arxiv_query_transformer_cs.LG_5.atom.xml',
  /** arXiv query API, 2026 format: `cat:cs.AI OR cat:cs.LG`, 16 entries, 6 with a comment. */
  arxivAiLg: 'arxiv_query_cs.AI_or_cs.LG_16.atom.xml',
  /** arXiv query API, legacy format: inline namespaces, wrapped text, 2 entries. */
  arxivLegacy: 'arxiv_query_legacy_cs.RO_2.atom.xml',
  /** rss.arxiv.org on a weekday: one item of each announce type. */
  arxivRssWeekday: 'arxiv_rss_cs.LG_weekday.rss.xml',
  /** rss.arxiv.org on a Saturday: the channel header and no items. */
  arxivRssWeekend: 'arxiv_rss_cs.CL_weekend_empty.rss.xml',
} as const;

/** The path of a file under `test/fixtures/`. */
export const fixturePath = (name: string): string => new URL(name, fixtures).pathname;

/** A fixture from `test/fixtures/`, as text. */
export const readFixture = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');
export const ARXIV_ERROR_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <link href="http://arxiv.org/api/query?search_query=&amp;id_list=1234.1234v1a" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=1234.1234v1a</title>
  <id>http://arxiv.org/api/exampleErrorFeedId000000</id>
  <updated>2026-06-12T00:00:00-04:00</updated>
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234v1a</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.1234v1a</summary>
    <updated>2026-06-12T00:00:00-04:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234v1a" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`;

/** A page past the end of a query: the counters, no entries. */
export const ARXIV_EMPTY_PAGE = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/empty</id>
  <title>arXiv Query: empty page</title>
  <updated>2026-06-14T02:30:47Z</updated>
  <opensearch:itemsPerPage>5</opensearch:itemsPerPage>
  <opensearch:totalResults>31207</opensearch:totalResults>
  <opensearch:startIndex>5</opensearch:startIndex>
</feed>
`;

/** What an upstream sends when something in front of it fails. */
export const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>';
