import type { Logger } from '../core/logger.js';

export interface WorkPoolOptions<T> {
  /** Items worked on at once. */
  concurrency: number;
  /** How long to wait before asking again when there was nothing to take. */
  pollMs: number;
  /** Takes up to `limit` items (e.g. leases due deliveries). */
  take: (limit: number) => Promise<T[]>;
  /** Works on one item; it should not throw (a throw is logged). */
  run: (item: T) => Promise<void>;
  log: Logger;
}

/**
 * Keeps up to `concurrency` items in work, taking more as soon as one finishes and polling when there is
 * nothing to take. A slow item holds only its own slot.
 */
export function startWorkPool<T>(options: WorkPoolOptions<T>) {
  const { concurrency, log } = options;
  const running = new Set<Promise<void>>();
  let taking: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let filling = false;
  let wanted = false;

  const fill = async () => {
    if (stopping) return;
    if (filling) {
      wanted = true;
      return;
    }
    filling = true;
    wanted = false;
    if (timer) clearTimeout(timer);
    timer = null;
    let taken = 0;
    const free = concurrency - running.size;
    try {
      if (free > 0) {
        const take = options.take(free);
        taking = take;
        const items = await take;
        taken = items.length;
        // Taken while stopping: left for the owner to release.
        for (const item of stopping ? [] : items) {
          const work: Promise<void> = options
            .run(item)
            .catch((error: unknown) => log.error('work failed', { error }))
            .finally(() => {
              running.delete(work);
              void fill();
            });
          running.add(work);
        }
      }
    } catch (error) {
      log.error('taking work failed', { error });
    } finally {
      filling = false;
      taking = null;
    }
    // A full take may leave more, and an item may have finished meanwhile; otherwise poll.
    const soon = wanted || (taken === free && free > 0);
    if (!stopping && !timer) timer = setTimeout(() => void fill(), soon ? 0 : options.pollMs);
  };
  void fill();

  return {
    /** Stops taking, then waits for the items in work (at most `timeoutMs`). */
    async stop(timeoutMs: number): Promise<void> {
      stopping = true;
      if (timer) clearTimeout(timer);
      await taking?.catch(() => {});
      if (running.size === 0) return;
      const gaveUp = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([Promise.all(running), gaveUp]);
    },
  };
}

export type WorkPool = ReturnType<typeof startWorkPool>;
