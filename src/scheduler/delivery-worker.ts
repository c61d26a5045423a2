import { setMaxListeners } from 'node:events';
import { channelKey, type Platform } from '../core/channel.js';
import type { QueuedDelivery } from '../store/delivery-queue.js';
import { createDeliverOne, type DeliverOneOptions } from './deliver-one.js';
import { withSignalOfItsOwn } from './signal-of-its-own.js';
import { within } from './within.js';
import { startWorkPool, type WorkPool } from './work-pool.js';

export type { DeliveryOutcome } from './deliver-one.js';

export interface DeliveryWorkerOptions extends DeliverOneOptions {
  /**
   * Deliveries posted at once per platform by `start` (default 400). A slow one (a long digest paced at one
   * message a second per Slack channel) holds only its own slot: the others keep going. A Slack digest in
   * threads takes about 6 s that way, so 400 slots post about 65 digests a second however many workspaces.
   */
  concurrency?: number;
  /**
   * The safety net (default 30 s): how long a platform's slots wait before looking for due deliveries when
   * nothing wakes them. `wake` (a new delivery's notification) and the next retry's time normally come first.
   */
  pollMs?: number;
}

const DEFAULT_POLL_MS = 30_000;
/** Releasing leases on shutdown is one quick statement; a database that does not answer gets no longer. */
const RELEASE_TIMEOUT_MS = 500;

/**
 * Posts queued deliveries: per platform, up to `concurrency` at once, each through `createDeliverOne`. Slots
 * take new work when `wake` says some arrived, when one frees up, when a retry comes due, and every `pollMs`.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { queue, owner } = options;
  const now = options.now ?? (() => new Date());
  const deliverOne = createDeliverOne(options);
  const log = options.logger.child({ job: 'delivery-worker', owner });
  const platforms = [...new Set(options.posters.map((poster) => poster.platform))];
  const idempotent = new Map(options.posters.map((poster) => [poster.platform, poster.supportsIdempotency]));
  const pools = new Map<Platform, WorkPool<QueuedDelivery>>();
  const abort = new AbortController();
  // Every delivery in flight (up to `concurrency` per platform) listens on this one signal, through its own.
  setMaxListeners(0, abort.signal);

  return {
    /**
     * Keeps up to `concurrency` deliveries per platform posting until `stop`. Each platform has its own slots:
     * one held back by its limits cannot starve the other.
     */
    start(): void {
      for (const platform of platforms) {
        const pool = startWorkPool<QueuedDelivery>({
          concurrency: options.concurrency ?? 400,
          pollMs: options.pollMs ?? DEFAULT_POLL_MS,
          take: (limit) => queue.take({ owner, now: now(), leaseMs: options.leaseMs, limit, platform }),
          nextDueIn: async () => {
            const next = await queue.nextDueAt({ platform });
            return next === null ? null : next.getTime() - now().getTime();
          },
          run: (delivery) => withSignalOfItsOwn(abort.signal, (signal) => deliverOne(delivery, signal)),
          log,
        });
        pools.set(platform, pool);
      }
    },

    /** New deliveries may be due (for `platform`, or any): take them now rather than at the next poll. */
    wake(platform?: string): void {
      if (platform === undefined) for (const pool of pools.values()) pool.wake();
      else pools.get(platform as Platform)?.wake();
    },

    /**
     * Stops taking work and aborts the posts in flight: each finishes the platform request it is making (Slack;
     * Discord's are cut, its nonce makes that safe), starts no other and is handed on at once, resuming after
     * what was recorded, on another replica or at the next start. Waits for that at most `timeoutMs`, then
     * releases this worker's leases, except those of Slack posts still unanswered: whether they went out is
     * unknown, so they keep their lease (the usual takeover, with its warning, follows when it runs out).
     */
    async stop(timeoutMs: number): Promise<void> {
      for (const pool of pools.values()) pool.stopTaking();
      const all = () => [...pools.values()];
      abort.abort();
      if (!(await within(Promise.all(all().map((pool) => pool.idle())), timeoutMs))) {
        const inFlight = all().reduce((sum, pool) => sum + pool.running().length, 0);
        log.warn('posts still unanswered at SHUTDOWN_TIMEOUT; leaving them', { inFlight });
      }
      const inDoubt = all()
        .flatMap((pool) => pool.running())
        .filter((delivery) => !idempotent.get(delivery.channel.platform));
      for (const delivery of inDoubt) {
        log.warn(
          'a post was still on the wire at shutdown; its delivery stays leased until the lease runs out',
          {
            delivery: delivery.id,
            channel: channelKey(delivery.channel),
          },
        );
      }
      const releasing = queue
        .releaseLeases(owner, now(), { except: inDoubt.map((delivery) => delivery.id) })
        .then((released) => {
          if (released > 0) log.info('released leases on shutdown', { released });
        })
        .catch((error: unknown) =>
          log.warn('could not release leases on shutdown; they run out by themselves', { error }),
        );
      if (!(await within(releasing, RELEASE_TIMEOUT_MS)))
        log.warn('releasing leases took too long; they run out by themselves');
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
