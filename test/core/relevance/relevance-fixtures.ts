import type { ProfileExample } from '../../../src/core/relevance/channel-profile.js';
import type { PaperDocument } from '../../../src/core/relevance/paper-document.js';

/** A document from title and abstract words (already stemmed), as the store would read it. */
export function document(
  id: string,
  title: string[],
  abstract: string[],
  options: { upvotes?: number | null; categories?: string[] } = {},
): PaperDocument {
  const counts = (words: string[]) => {
    const map = new Map<string, number>();
    for (const word of words) map.set(word, (map.get(word) ?? 0) + 1);
    return map;
  };
  return {
    id,
    title: `Paper ${id}`,
    upvotes: options.upvotes ?? null,
    categories: options.categories ?? [],
    words: { title: counts(title), keywords: new Map(), authors: new Map(), abstract: counts(abstract) },
  };
}

export const example = (doc: PaperDocument, weight: number, saved = 0, relevant = 0): ProfileExample => ({
  document: doc,
  weight,
  saved,
  relevant,
});
