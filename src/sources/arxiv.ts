import { normalizeArxivId } from '../core/arxiv-id.js';
import { type Logger, silentLogger } from '../core/logger.js';
import type { PaperInput, ParsedBatch } from '../core/paper.js';
import { parseArxivAtom } from './arxiv-atom.js';
import { assertCategories, buildSearchQuery, type SubmittedRange } from './arxiv-query.js';
import { type ArxivRssOptions, parseArxivRss } from './arxiv-rss.js';
import type { HttpClient } from './http-client.js';
import { createRequestSpacer } from './request-spacer.js';
import { HttpStatusError, SourceError, SourceErrorCode } from './source-errors.js';

/** A search: papers submitted to any of `categories` within the window (`to` exclusive). */
export interface ArxivSearch extends SubmittedRange {
  categories: string[];
}

/** One page of query API results. */
export interface ArxivSearchPage {
  /** 0-based. */
  page: number;
  batch: ParsedBatch;
  /** What arXiv says the whole query holds. */
  totalResults?: number;
}

/**
 * Reads arXiv: the daily new-submission RSS and the query API. Every request, retries included, goes through one
 * spacer so that requests start at least `minIntervalMs` apart and never overlap (arXiv's terms of use).
 *
 * @example
 * const arxiv = createArxivSource({ apiUrl: 'https://export.arxiv.org/api', rssUrl: 'https://rss.arxiv.org/rss', http, logger });
 * const today = await arxiv.fetchNew(['cs.LG', 'cs.CL'], { includeCross: false });
 */
export interface ArxivSource {
  /** Today's announcements in these categories (empty on weekends). Throws `RangeError` for a bad category. */
  fetchNew(categories: string[], options?: ArxivRssOptions): Promise<ParsedBatch>;
  /** Newest first, page by page, until an empty page or the end of `totalResults`. */
  searchPages(search: ArxivSearch): AsyncGenerator<ArxivSearchPage>;
  /** One paper by id (any form `normalizeArxivId` reads), or null when arXiv does not have it. */
  fetchById(id: string): Promise<PaperInput | null>;
  /**
   * Several papers by canonical id in one request (at most `MAX_IDS_PER_REQUEST`); the ones arXiv does not have
   * are left out. Throws `RangeError` for something that is not an arXiv id.
   */
  fetchByIds(ids: readonly string[]): Promise<PaperInput[]>;
}

/** The most ids one `id_list` request asks for: the URL stays short, and the answer small. */
export const MAX_IDS_PER_REQUEST = 50;

export interface ArxivSourceOptions {
  /** `https://export.arxiv.org/api`; `/query` is added. */
  apiUrl: string;
  /** `https://rss.arxiv.org/rss`; `/{cat1+cat2}` is added. */
  rssUrl: string;
  http: HttpClient;
  /** Least time between the starts of two requests (default 3000, arXiv's rule). */
  minIntervalMs?: number;
  /** Milliseconds clock for the spacer and for an open-ended search window. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** `max_results` per query page (default 100; arXiv allows up to 2000). */
  pageSize?: number;
}

/** arXiv serves at most this many results of one query, whatever `totalResults` says. */
const MAX_QUERY_RESULTS = 30_000;
const ATOM = 'application/atom+xml, application/xml;q=0.9';
const RSS = 'application/rss+xml, application/xml;q=0.9';

export const createArxivSource = (options: ArxivSourceOptions): ArxivSource => {
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 100;
  const log = options.logger ?? silentLogger;
  const spacer = createRequestSpacer({
    minIntervalMs: options.minIntervalMs ?? 3000,
    now,
    sleep: options.sleep,
  });
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const rssUrl = options.rssUrl.replace(/\/+$/, '');

  const get = async (url: string, accept: string): Promise<string> => {
    try {
      return (await options.http.getText(url, { accept, schedule: spacer.run })).body;
    } catch (error) {
      throw queryRejection(error) ?? error;
    }
  };

  const query = (params: Record<string, string>): string =>
    `${apiUrl}/query?${new URLSearchParams(params).toString()}`;

  return {
    async fetchNew(categories, rssOptions = {}) {
      assertCategories(categories);
      const body = await get(`${rssUrl}/${categories.join('+')}`, RSS);
      const batch = parseArxivRss(body, rssOptions);
      log.debug('new submissions fetched', { categories, papers: batch.papers.length });
      return batch;
    },

    async *searchPages(search) {
      const searchQuery = buildSearchQuery(search.categories, search, new Date(now()));
      for (let page = 0, start = 0; start < MAX_QUERY_RESULTS; page++) {
        const url = query({
          search_query: searchQuery,
          sortBy: 'submittedDate',
          sortOrder: 'descending',
          start: String(start),
          max_results: String(pageSize),
        });
        const { papers, skipped, totalResults } = parseArxivAtom(await get(url, ATOM));
        const entries = papers.length + skipped.length;
        log.debug('query page fetched', { page, start, entries, totalResults });
        if (entries === 0) return;
        yield { page, batch: { papers, skipped }, totalResults };
        start += entries;
        if (totalResults !== undefined && start >= totalResults) return;
      }
      log.warn('stopped at arXiv’s limit of results per query: narrow the window', {
        max: MAX_QUERY_RESULTS,
      });
    },

    async fetchById(id) {
      const arxivId = normalizeArxivId(id);
      if (!arxivId)
        throw new RangeError(`Not an arXiv id: "${id}". Use a form like 2606.00467 or hep-th/9901001.`);
      const versioned = arxivId.version ? `${arxivId.id}v${arxivId.version}` : arxivId.id;
      const { papers } = parseArxivAtom(await get(query({ id_list: versioned, max_results: '1' }), ATOM));
      return papers.find((paper) => paper.id === arxivId.id) ?? null;
    },

    async fetchByIds(ids) {
      if (ids.length === 0) return [];
      if (ids.length > MAX_IDS_PER_REQUEST)
        throw new RangeError(`Ask for at most ${MAX_IDS_PER_REQUEST} ids at once (got ${ids.length}).`);
      const canonical = ids.map((id) => {
        const arxivId = normalizeArxivId(id);
        if (!arxivId)
          throw new RangeError(`Not an arXiv id: "${id}". Use a form like 2606.00467 or hep-th/9901001.`);
        return arxivId.id;
      });
      const wanted = new Set(canonical);
      const url = query({ id_list: [...wanted].join(','), max_results: String(wanted.size) });
      const { papers } = parseArxivAtom(await get(url, ATOM));
      return papers.filter((paper) => wanted.has(paper.id));
    },
  };
};

/** arXiv may send its error feed with HTTP 400: surface its message instead of the bare status. */
const queryRejection = (error: unknown): SourceError | undefined => {
  if (!(error instanceof HttpStatusError) || error.status !== 400 || !error.body.includes('/api/errors')) {
    return undefined;
  }
  try {
    parseArxivAtom(error.body);
  } catch (parsed) {
    if (parsed instanceof SourceError && parsed.code === SourceErrorCode.QueryRejected) return parsed;
  }
  return undefined;
};
