import { SEARCH_LIMIT, type SearchSort } from '../search.js';

/** What a "next page" (or "share") button must carry to run a search again. */
export interface PageToken {
  query: string;
  /** 0-based page, as in the `search` command. */
  page: number;
  pageSize: number;
  sort?: SearchSort;
  /** `7d`, `2w`, `3m`, `1y` or `YYYY-MM-DD`, as the user typed it. */
  since?: string;
}

/** Version tag at the start of every token; a new format gets a new tag, and old buttons decode to null. */
const VERSION = 'pb1';
const MAX_PAGE = 9999;
const MAX_QUERY_LENGTH = 1000;
const SORT_CODES: Record<SearchSort, string> = { relevance: 'r', upvotes: 'u', date: 'd' };
const SORT_BY_CODE = new Map(Object.entries(SORT_CODES).map(([sort, code]) => [code, sort as SearchSort]));
const SINCE = /^(\d{1,4}[dwmy]|\d{4}-\d{2}-\d{2})$/;
const NUMBER = /^(0|[1-9]\d{0,5})$/;

/**
 * A compact button value: `pb1:{page}:{pageSize}:{sort code}:{since}:{query}`, e.g. `pb1:1:10:u:7d:lora`. The
 * query comes last and is kept verbatim (colons included), so no escaping is needed and short queries stay well
 * under Discord's 100-character `custom_id`.
 *
 * @example
 * encodePageToken({ query: 'lora', page: 1, pageSize: 10, sort: 'upvotes', since: '7d' }); // 'pb1:1:10:u:7d:lora'
 */
export const encodePageToken = (token: PageToken): string => {
  const sort = token.sort ? SORT_CODES[token.sort] : '';
  return [VERSION, token.page, token.pageSize, sort, token.since ?? '', token.query].join(':');
};

/**
 * Reads a value made by `encodePageToken` back; anything else (another version, a bad number, an unknown sort,
 * an empty query) gives null, never an exception.
 *
 * @example
 * decodePageToken('pb1:1:10:u:7d:lora'); // { query: 'lora', page: 1, pageSize: 10, sort: 'upvotes', since: '7d' }
 * decodePageToken('garbage'); // null
 */
export const decodePageToken = (value: string): PageToken | null => {
  if (typeof value !== 'string') return null;
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== VERSION) return null;
  const [, pageText = '', sizeText = '', sortCode = '', since = ''] = parts;
  const query = parts.slice(5).join(':');
  const page = NUMBER.test(pageText) ? Number(pageText) : -1;
  const pageSize = NUMBER.test(sizeText) ? Number(sizeText) : -1;
  const sort = sortCode === '' ? undefined : SORT_BY_CODE.get(sortCode);
  if (page < 0 || page > MAX_PAGE) return null;
  if (pageSize < SEARCH_LIMIT.min || pageSize > SEARCH_LIMIT.max) return null;
  if (sortCode !== '' && sort === undefined) return null;
  if (since !== '' && !SINCE.test(since)) return null;
  if (query.trim() === '' || query.length > MAX_QUERY_LENGTH) return null;
  return {
    query,
    page,
    pageSize,
    ...(sort ? { sort } : {}),
    ...(since ? { since } : {}),
  };
};
