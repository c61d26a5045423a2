import type { Logger } from '../core/logger.js';
import { within } from './within.js';

export interface WorkPoolOptions<T> {
  /** Items worked on at once. */
  concurrency: number;
  /** Takes up to `limit` items (e.g. leases due deliveries). */
  take: (limit: number) => Promise<T[]>;
  /** Works on one item; it should not throw (a throw is logged). */
  run: (item: T) => Promise<void>;
  /**
   * After a take found nothing more: in how many ms the next item may be due (a retry's time, a lease running
   * out), or null when nothing is waiting. The pool takes again then, without waiting for the poll.
   */
  nextDueIn?: () => Promise<number | null>;
  /** While items are in work, `nextDueIn` is asked at most this often (default ASK_DUE_EVERY_MS). */
  askDueEveryMs?: number;
  /** The safety net: the longest the pool waits before taking again when nothing wakes it. */
  pollMs: number;
  /** How long to wait before taking again after taking failed (the database is down, say). */
  retryMs?: number;
  log: Logger;
}

/** Shortest pause before taking again when the next item is due now but was not there to take. */
const MIN_PAUSE_MS = 50;
/**
 * Wake-ups and finished items within this long are answered by one take: a fan-out queues and finishes
 * hundreds of items a second, and taking for each alone costs a round of queries per item.
 */
const GATHER_MS = 20;
/**
 * While items are in work, how often the pool asks when the next item comes due: a fan-out takes many times a
 * second, and each ask reads every waiting delivery. Between asks it remembers the last answer and takes again
 * within this long, so a retry that came due meanwhile waits at most this much longer.
 */
const ASK_DUE_EVERY_MS = 1_000;

/**
 * Keeps up to `concurrency` items in work: takes more soon after one finishes or `wake` says work arrived (those
 * within GATHER_MS share one take; an idle pool takes at once), when the next item comes due, and every `pollMs`
 * as a safety net. A slow item holds only its own slot.
 */
export function startWorkPool<T>(options: WorkPoolOptions<T>) {
  const { concurrency, log } = options;
  const askDueEveryMs = options.askDueEveryMs ?? ASK_DUE_EVERY_MS;
  const running = new Map<T, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Timeout | null = null;
  let lastFill = Number.NEGATIVE_INFINITY;
  let stopping = false;
  let filling = false;
  let wanted = false;
  let failing = false;
  let dueAskedAt = Number.NEGATIVE_INFINITY;
  let dueAt: number | null = null;

  const later = (ms: number) => {
    if (stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void fill(), Math.max(0, ms));
  };

  /** Takes within GATHER_MS, once for every call until then. */
  const fillSoon = () => {
    if (stopping || soon) return;
    soon = setTimeout(() => {
      soon = null;
      void fill();
    }, GATHER_MS);
  };

  const start = (item: T) => {
    const work: Promise<void> = options
      .run(item)
      .catch((error: unknown) => log.error('work failed', { error }))
      .finally(() => {
        running.delete(item);
        fillSoon();
      });
    running.set(item, work);
  };

  /** How long until the next item may be due: asked of `nextDueIn`, or remembered while busy (`askDueEveryMs`). */
  const untilNextDue = async (): Promise<number> => {
    const now = performance.now();
    if (running.size > 0 && now - dueAskedAt < askDueEveryMs)
      return Math.min(askDueEveryMs, dueAt === null ? options.pollMs : Math.max(dueAt - now, MIN_PAUSE_MS));
    dueAskedAt = now;
    const due = options.nextDueIn ? await options.nextDueIn() : null;
    dueAt = due === null ? null : now + due;
    return due === null ? options.pollMs : Math.max(due, MIN_PAUSE_MS);
  };

  /** Takes until the slots are full or nothing is left, then sleeps until the next due item or the poll. */
  const fill = async (): Promise<void> => {
    if (stopping) return;
    if (filling) {
      wanted = true;
      return;
    }
    filling = true;
    lastFill = performance.now();
    if (timer) clearTimeout(timer);
    timer = null;
    let pause = options.pollMs;
    try {
      for (;;) {
        wanted = false;
        const free = concurrency - running.size;
        if (free <= 0) break;
        const items = await options.take(free);
        if (failing) log.info('taking work works again');
        failing = false;
        // Taken while stopping: left for the owner to release.
        if (stopping) return;
        for (const item of items) start(item);
        if (items.length === free || wanted) continue;
        pause = Math.min(pause, await untilNextDue());
        if (!wanted) break;
      }
    } catch (error) {
      if (!failing) log.error('taking work failed; trying again', { error });
      failing = true;
      wanted = false;
      pause = Math.min(pause, options.retryMs ?? 1_000);
    } finally {
      filling = false;
    }
    if (wanted) return void fill();
    later(pause);
  };
  void fill();

  const stopTaking = () => {
    stopping = true;
    if (timer) clearTimeout(timer);
    if (soon) clearTimeout(soon);
    timer = null;
    soon = null;
  };
  const idle = async () => {
    while (running.size > 0) await Promise.all(running.values());
  };

  return {
    /**
     * Work may have arrived: an idle pool takes at once; a busy one (or one that just took) within GATHER_MS. A take
     * already under way takes once more after it.
     */
    wake(): void {
      if (running.size === 0 && !soon && performance.now() - lastFill >= GATHER_MS) void fill();
      else fillSoon();
    },
    /** Takes nothing more; what is in work carries on. */
    stopTaking,
    /** The items in work. */
    running: (): T[] => [...running.keys()],
    /** Resolves when nothing is in work any more. */
    idle,
    /** Takes nothing more and waits for the items in work, at most `timeoutMs`; true when they all finished. */
    stop(timeoutMs: number): Promise<boolean> {
      stopTaking();
      return within(idle(), timeoutMs);
    },
  };
}

export type WorkPool<T = unknown> = ReturnType<typeof startWorkPool<T>>;
