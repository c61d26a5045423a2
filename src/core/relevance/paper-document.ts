/**
 * Where a word of a paper stands, as the search document labels it: title (A), Hugging Face AI keywords (B),
 * author names (C) and abstract (D).
 */
export type DocumentField = 'title' | 'keywords' | 'authors' | 'abstract';

export const DOCUMENT_FIELDS: readonly DocumentField[] = ['title', 'keywords', 'authors', 'abstract'];

/**
 * A paper as learning sees it: its stemmed words per field (the lexemes of the search document, so a digest
 * learns with the same tokenisation and stemming that search and subscriptions use), its categories and upvotes.
 *
 * @example
 * const document: PaperDocument = {
 *   id: '2606.93392',
 *   title: 'Helix: Sparse Attention for Genome-Scale DNA Language Models',
 *   upvotes: 120,
 *   categories: ['cs.LG'],
 *   words: { title: new Map([['spars', 1], ['attent', 1]]), keywords: new Map(), authors: new Map(), abstract: new Map([['attent', 3]]) },
 * };
 */
export interface PaperDocument {
  id: string;
  title: string;
  upvotes: number | null;
  categories: readonly string[];
  /** How often each stemmed word occurs in each field. */
  words: Readonly<Record<DocumentField, ReadonlyMap<string, number>>>;
}

/** A document with no words, e.g. for a paper whose text the store does not have. */
export const emptyWords = (): Record<DocumentField, Map<string, number>> => ({
  title: new Map(),
  keywords: new Map(),
  authors: new Map(),
  abstract: new Map(),
});
