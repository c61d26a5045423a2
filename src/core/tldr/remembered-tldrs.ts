import type { StoredTldr, Tldrs } from './tldr-ports.js';

/** About 300 bytes each: the TL;DRs of several weeks of digests, in a few megabytes. */
const MAX_REMEMBERED = 20_000;

/** The TL;DRs a replica has read, by language and paper, the one read longest ago forgotten first. */
export interface TldrMemory {
  get(paperId: string, language: string): StoredTldr | undefined;
  remember(paperId: string, language: string, tldr: StoredTldr): void;
}

export function createTldrMemory(maxEntries = MAX_REMEMBERED): TldrMemory {
  const remembered = new Map<string, StoredTldr>();
  const keyOf = (paperId: string, language: string) => `${language}|${paperId}`;
  const remember = (key: string, tldr: StoredTldr) => {
    remembered.delete(key);
    remembered.set(key, tldr);
    // Maps keep insertion order: the first key is the one read longest ago.
    if (remembered.size > maxEntries) remembered.delete(remembered.keys().next().value as string);
  };
  return {
    get(paperId, language) {
      const key = keyOf(paperId, language);
      const tldr = remembered.get(key);
      if (tldr) remember(key, tldr);
      return tldr;
    },
    remember: (paperId, language, tldr) => remember(keyOf(paperId, language), tldr),
  };
}

/**
 * The store with the TL;DRs this replica has read kept in `memory`. A stored TL;DR never changes (a second one
 * for the same paper and language is ignored), so a remembered one is always right, on every replica; a paper
 * without one is asked for again each time, as its TL;DR may have been written since. A fan-out of thousands
 * of digests showing the same papers reads each TL;DR once rather than once per digest.
 */
export function rememberedTldrs(tldrs: Tldrs, memory: TldrMemory): Tldrs {
  return {
    ...tldrs,
    async stored(paperIds, language) {
      const found = new Map<string, StoredTldr>();
      const missing: string[] = [];
      for (const paperId of paperIds) {
        const tldr = memory.get(paperId, language);
        if (tldr) found.set(paperId, tldr);
        else missing.push(paperId);
      }
      if (missing.length === 0) return found;
      for (const [paperId, tldr] of await tldrs.stored(missing, language)) {
        memory.remember(paperId, language, tldr);
        found.set(paperId, tldr);
      }
      return found;
    },
  };
}
