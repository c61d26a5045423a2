import type { Logger } from '../core/logger.js';
import type { Paper } from '../core/paper.js';
import { type ArxivSource, MAX_IDS_PER_REQUEST } from '../sources/arxiv.js';
import type { PaperStore } from '../store/paper-store.js';

/** Papers waiting for a look-up, at most; beyond it the oldest waiting ones are dropped. */
export const DEFAULT_MAX_QUEUED = 500;
/** An id arXiv did not know is not asked for again for this long (a brand-new paper may not be indexed yet). */
const UNKNOWN_FOR_MS = 15 * 60_000;
const MAX_UNKNOWN_REMEMBERED = 10_000;

export interface PaperLookupsOptions {
  arxiv: Pick<ArxivSource, 'fetchByIds'>;
  papers: Pick<PaperStore, 'upsertPapers' | 'getPapers'>;
  logger: Logger;
  maxQueued?: number;
  /** Ids per arXiv request (at most `MAX_IDS_PER_REQUEST`). */
  batchSize?: number;
  now?: () => number;
}

export interface PaperLookups {
  /**
   * The papers of these ids, fetched from arXiv and stored; the ones arXiv does not know, that could not be
   * fetched, or whose look-up was dropped from a full queue are left out. Never rejects.
   */
  lookup(ids: readonly string[]): Promise<Paper[]>;
  /** Ids waiting for a request (not counting the one in flight). */
  queued(): number;
}

type Waiter = (paper: Paper | null) => void;

/**
 * Looks papers up on arXiv by id for the shared links of many messages at once: each id once (an id already
 * waiting or in flight is joined, a paper found is stored, an unknown id is remembered for 15 minutes), many ids per
 * request, one request at a time through the arXiv source's spacer (3 s apart). The queue is bounded: when a burst
 * outgrows it, the oldest waiting look-ups are dropped with a log line, and their links get no card.
 *
 * @example
 * const lookups = createPaperLookups({ arxiv, papers, logger });
 * const found = await lookups.lookup(['2606.00467', 'hep-th/9901001']);
 */
export function createPaperLookups(options: PaperLookupsOptions): PaperLookups {
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  const batchSize = Math.min(options.batchSize ?? MAX_IDS_PER_REQUEST, MAX_IDS_PER_REQUEST);
  const now = options.now ?? Date.now;
  const log = options.logger.child({ job: 'paper-lookups' });
  /** In arrival order (a Map keeps insertion order), so the oldest is first. */
  const waiting = new Map<string, Waiter[]>();
  const inFlight = new Map<string, Waiter[]>();
  const unknownUntil = new Map<string, number>();
  let draining = false;

  const isKnownUnknown = (id: string): boolean => {
    const until = unknownUntil.get(id);
    if (until === undefined) return false;
    if (until > now()) return true;
    unknownUntil.delete(id);
    return false;
  };

  const rememberUnknown = (id: string): void => {
    unknownUntil.delete(id);
    unknownUntil.set(id, now() + UNKNOWN_FOR_MS);
    if (unknownUntil.size > MAX_UNKNOWN_REMEMBERED) {
      const oldest = unknownUntil.keys().next().value;
      if (oldest !== undefined) unknownUntil.delete(oldest);
    }
  };

  function dropOldest(): void {
    let dropped = 0;
    while (waiting.size > maxQueued) {
      const [id, waiters] = waiting.entries().next().value as [string, Waiter[]];
      waiting.delete(id);
      for (const resolve of waiters) resolve(null);
      dropped += 1;
    }
    if (dropped > 0) {
      log.warn(
        'too many shared papers waiting for arXiv; dropped the oldest look-ups (their links get no card)',
        {
          dropped,
          maxQueued,
          hint: 'raise PAPER_LOOKUP_QUEUE if bursts like this are normal here',
        },
      );
    }
  }

  function enqueue(id: string): Promise<Paper | null> {
    if (isKnownUnknown(id)) return Promise.resolve(null);
    return new Promise((resolve) => {
      const joined = inFlight.get(id) ?? waiting.get(id);
      if (joined) {
        joined.push(resolve);
        return;
      }
      waiting.set(id, [resolve]);
      dropOldest();
      // On the next turn, so the links of every message that arrived together go in one request.
      if (!draining) setImmediate(() => void drain());
    });
  }

  /** One request: the batch's papers, stored; the ids it did not find are remembered as unknown. */
  async function fetchBatch(ids: string[]): Promise<Map<string, Paper>> {
    const found = new Map<string, Paper>();
    try {
      // Another message's look-up (or an ingest) may have stored some meanwhile.
      for (const paper of await options.papers.getPapers(ids)) found.set(paper.id, paper);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length === 0) return found;
      const inputs = await options.arxiv.fetchByIds(missing);
      if (inputs.length > 0) {
        await options.papers.upsertPapers(inputs);
        for (const paper of await options.papers.getPapers(inputs.map((input) => input.id)))
          found.set(paper.id, paper);
      }
      for (const id of missing) if (!found.has(id)) rememberUnknown(id);
      log.debug('papers looked up on arXiv', { asked: missing.length, found: inputs.length });
    } catch (error) {
      log.warn('could not look papers up on arXiv: their links get no card, and "paper <id>" finds nothing', {
        papers: ids.length,
        error,
      });
    }
    return found;
  }

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      while (waiting.size > 0) {
        const batch = [...waiting.keys()].slice(0, batchSize);
        for (const id of batch) {
          inFlight.set(id, waiting.get(id) ?? []);
          waiting.delete(id);
        }
        const found = await fetchBatch(batch);
        for (const id of batch) {
          for (const resolve of inFlight.get(id) ?? []) resolve(found.get(id) ?? null);
          inFlight.delete(id);
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    async lookup(ids) {
      const unique = [...new Set(ids)];
      const papers = await Promise.all(unique.map(enqueue));
      return papers.filter((paper): paper is Paper => paper !== null);
    },
    queued: () => waiting.size,
  };
}
