import type { Paper } from '../paper.js';
import type { SearchResults, SearchSort } from '../search.js';
import type { Card, CardAction, Notice } from './card.js';
import { type CardBody, HEADER_MAX, plainTextFallback, withFallback } from './card-fallback.js';
import { encodePageToken, type PageToken } from './page-token.js';
import { toPaperItem } from './paper-item.js';
import { stripControlChars } from './sanitize.js';
import { truncateAtWord } from './text.js';

/** The search a results card shows: the query, its 0-based page and page size, and the options to repeat it. */
export type SearchCardRequest = PageToken;

/** A paper for a list, optionally with the subscription term that brought it in. */
export type ListedPaper = Paper | { paper: Paper; matchedTerm: string | null };

const QUERY_IN_HEADER_MAX = 100;
const SORT_NAMES: Record<SearchSort, string | null> = {
  relevance: null,
  upvotes: 'by upvotes',
  date: 'newest first',
};

const header = (text: string): string => truncateAtWord(stripControlChars(text), HEADER_MAX);
const plural = (count: number, word: string): string =>
  `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** `"lora"`, or the query as typed when it already has quotes (`"diffusion transformer" -survey`). */
const quoted = (query: string): string => {
  const text = truncateAtWord(stripControlChars(query), QUERY_IN_HEADER_MAX);
  return text.includes('"') ? text : `"${text}"`;
};

/**
 * One page of search results. The subheader counts the results and pages (or says they are fuzzy matches);
 * `nextPage` carries a page token for the following page when there is one, and `share` one for this page.
 *
 * @example
 * searchResultsCard(results, { query: 'lora', page: 0, pageSize: 5 }).subheader; // '12 results · page 1 of 3'
 */
export const searchResultsCard = (results: SearchResults, request: SearchCardRequest): Card => {
  const title = header(`Papers about ${quoted(request.query)}`);
  if (results.total === 0 && results.hits.length === 0) {
    return withFallback({
      header: title,
      subheader: 'No results',
      items: [],
      notices: [
        { tone: 'info', text: `No papers match ${quoted(request.query)}. Try fewer or broader words.` },
      ],
      actions: [],
    });
  }
  const pageSize = Math.max(1, request.pageSize);
  const pages = Math.max(1, Math.ceil(results.total / pageSize));
  const subheader = [
    results.fuzzy
      ? `Fuzzy matches${results.correctedQuery ? ` for “${results.correctedQuery}”` : ''} (no exact hit)`
      : null,
    results.totalCapped
      ? `${results.total.toLocaleString('en-US')}+ results`
      : plural(results.total, 'result'),
    `page ${request.page + 1} of ${pages}`,
    request.since ? `since ${request.since}` : null,
    request.sort ? SORT_NAMES[request.sort] : null,
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
  if (results.hits.length === 0) {
    const text = `There is no page ${request.page + 1}: the ${plural(results.total, 'result')} fill ${plural(pages, 'page')}.`;
    return withFallback({
      header: title,
      subheader,
      items: [],
      notices: [{ tone: 'info', text }],
      actions: [],
    });
  }
  const actions: CardAction[] = [];
  if ((request.page + 1) * pageSize < results.total) {
    actions.push({
      kind: 'nextPage',
      label: 'Next',
      value: encodePageToken({ ...request, page: request.page + 1 }),
    });
  }
  actions.push({ kind: 'share', label: 'Share', value: encodePageToken(request) });
  return withFallback({
    header: title,
    subheader,
    items: results.hits.map((hit) => toPaperItem(hit.paper)),
    notices: [],
    actions,
  });
};

/**
 * A list of papers, e.g. today's Daily Papers or a digest; every paper given becomes an item (renderers split
 * long cards). An empty list shows `emptyText` as a notice.
 *
 * @example
 * paperListCard('Daily Papers · 2026-06-12', '30 papers, most upvoted first', papers);
 */
export const paperListCard = (
  title: string,
  subheader: string | undefined,
  papers: readonly ListedPaper[],
  options: { emptyText?: string } = {},
): Card => {
  const items = papers.map((entry) =>
    'paper' in entry ? toPaperItem(entry.paper, entry.matchedTerm) : toPaperItem(entry),
  );
  const notices: Notice[] =
    items.length === 0 ? [{ tone: 'info', text: options.emptyText ?? 'No papers to show.' }] : [];
  const body: CardBody = { header: header(title), items, notices, actions: [] };
  if (subheader !== undefined) body.subheader = stripControlChars(subheader);
  return withFallback(body);
};

/**
 * One paper in full: the card has a single item, whose abstract and links renderers show. The subheader names
 * the arXiv id, primary category and organisation.
 */
export const paperDetailCard = (paper: Paper): Card => {
  const item = toPaperItem(paper);
  const subheader = [`arXiv ${paper.id}`, paper.primaryCategory, paper.organization]
    .map((part) => stripControlChars(part ?? ''))
    .filter((part) => part !== '')
    .join(' · ');
  const body: CardBody = { header: header(item.title), subheader, items: [item], notices: [], actions: [] };
  const fallback = [body.header, subheader, item.url, item.summary].filter((line) => line !== '').join('\n');
  return withFallback(body, fallback);
};

/**
 * A shared paper's card: one item (title, authors, date, upvotes, code and stars, one-line summary) with the
 * feedback controls; renderers show it compactly (a Slack unfurl, a Discord embed).
 */
export const paperLinkCard = (paper: Paper): Card => {
  const item = toPaperItem(paper);
  return withFallback(
    { header: header(item.title), items: [item], notices: [], actions: [], feedback: true },
    `${item.title} — ${item.url}`,
  );
};

const NOTICE_HEADERS: Record<Notice['tone'], string> = {
  info: 'paperboy',
  success: 'Done',
  warning: 'Heads up',
  error: 'That did not work',
};

/**
 * A card that only says something: an error with an example of what works, a confirmation, a warning.
 *
 * @example
 * noticeCard({ tone: 'error', text: 'Unknown timezone "Mars/Base".', example: '/papers schedule 09:30 Europe/Berlin' });
 */
export const noticeCard = (notice: Notice, title: string = NOTICE_HEADERS[notice.tone]): Card =>
  withFallback({ header: header(title), items: [], notices: [notice], actions: [] });

/** A card for "nothing here": a header, an info notice and optionally a subheader. */
export const emptyCard = (title: string, text: string, subheader?: string): Card => {
  const body: CardBody = { header: header(title), items: [], notices: [{ tone: 'info', text }], actions: [] };
  if (subheader !== undefined) body.subheader = stripControlChars(subheader);
  return withFallback(body, plainTextFallback(body));
};
