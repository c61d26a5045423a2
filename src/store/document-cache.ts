import type { PaperDocument } from '../core/relevance/paper-document.js';

/**
 * How many papers' words a process keeps: the candidates of several different sets of sources (at most 300
 * each) and recently voted papers. A paper's words take about 10 kB of heap, so this is about 20 MB, well within
 * the image's 128 MB heap; a paper that falls out is only read and parsed again.
 */
export const DOCUMENT_CACHE_SIZE = 2_000;

type Words = PaperDocument['words'];

/**
 * The words of papers' search documents, parsed once per process and kept by paper id and `last_seen_at`
 * (every upsert moves it, so a changed text is read again). Every channel's digest of a day reads the same
 * candidates: the first build parses them, the others only look them up. Least recently used entries go first.
 */
export function createDocumentCache(size = DOCUMENT_CACHE_SIZE) {
  const entries = new Map<string, { seenAt: number; words: Words }>();
  return {
    get(id: string, seenAt: Date): Words | undefined {
      const entry = entries.get(id);
      if (!entry || entry.seenAt !== seenAt.getTime()) return undefined;
      entries.delete(id);
      entries.set(id, entry);
      return entry.words;
    },
    set(id: string, seenAt: Date, words: Words): void {
      entries.delete(id);
      entries.set(id, { seenAt: seenAt.getTime(), words });
      while (entries.size > size) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}

/** The process's cache, shared by every digest store (one is made per transaction). */
export const documentCache = createDocumentCache();
