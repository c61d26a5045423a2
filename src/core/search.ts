import type { Paper, PaperSource } from './paper.js';

export type SearchSort = 'relevance' | 'upvotes' | 'date';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'upvotes', 'date'];
export const SEARCH_LIMIT = { min: 1, max: 25, default: 10 } as const;

export interface SearchRequest {
  /** Web-search syntax: words, "quoted phrases", OR, -exclusions. */
  query: string;
  limit: number;
  offset?: number;
  /** Only papers published (or on Daily Papers) at or after this instant. */
  since?: Date;
  sort?: SearchSort;
  source?: PaperSource;
}

export interface SearchHit {
  paper: Paper;
  score: number;
}

export interface SearchResults {
  query: string;
  /** All matches, not only this page; a lower bound when `totalCapped`. */
  total: number;
  /** True when there are so many matches that only the first ones (in the sort order) were counted and ranked. */
  totalCapped: boolean;
  /** True when nothing matched the words as typed and these match `correctedQuery` instead. */
  fuzzy: boolean;
  /** The query with its misspelt words corrected, when `fuzzy`. */
  correctedQuery?: string;
  hits: SearchHit[];
}

/**
 * Full-text search over the stored papers.
 *
 * @example
 * const results = await search.search({ query: 'lora -survey', limit: 5, sort: 'relevance' });
 */
export interface PaperSearch {
  search(request: SearchRequest, now?: Date): Promise<SearchResults>;
}
