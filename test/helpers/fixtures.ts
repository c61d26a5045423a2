import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/', import.meta.url);

/** The path of a file under `test/fixtures/`, e.g. `upstream/hf_daily_papers_limit30_2026-06-12.json`. */
export const fixturePath = (name: string): string => new URL(name, fixtures).pathname;

/** A recorded upstream payload from `test/fixtures/upstream/`, as text. */
export const readUpstreamFixture = (name: string): string =>
  readFileSync(new URL(`upstream/${name}`, fixtures), 'utf8');

/** A hand-written payload from `test/fixtures/synthetic/`, as text. */
export const readSyntheticFixture = (name: string): string =>
  readFileSync(new URL(`synthetic/${name}`, fixtures), 'utf8');

export const HF_DAY_30 = 'hf_daily_papers_limit30_2026-06-12.json';
export const HF_MIXED_25 = 'hf_daily_papers_limit25_2026-07-13.json';
export const ARXIV_TRANSFORMER_5 = 'arxiv_api_query_transformer_cs.LG_5.atom.xml';
export const ARXIV_AI_LG_50 = 'arxiv_api_query_cs.AI_or_cs.LG_50.atom.xml';
export const ARXIV_LEGACY_2 = 'arxiv_api_query_legacy_format_cs.RO_2.atom.xml';
export const ARXIV_RSS_WEEKEND = 'arxiv_rss_cs.CL_weekend_empty.rss.xml';
export const ARXIV_RSS_WEEKDAY = 'arxiv_rss_cs.LG_weekday.rss.xml';

/** arXiv's answer to a bad query (shape of the real error feed, message invented). */
export const ARXIV_ERROR_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <link href="http://arxiv.org/api/query?search_query=&amp;id_list=1234.1234v1a" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=1234.1234v1a</title>
  <id>http://arxiv.org/api/kvuntZ8c9a4Eq5CF7KY03nMug+Q</id>
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
  <opensearch:totalResults>28946</opensearch:totalResults>
  <opensearch:startIndex>5</opensearch:startIndex>
</feed>
`;

/** What an upstream sends when something in front of it fails. */
export const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>';
