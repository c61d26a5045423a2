import { backoffDelay } from '../core/backoff.js';
import { channelKey, type Platform } from '../core/channel.js';
import { PermanentDeliveryError, type Poster, RateLimitedError } from '../core/delivery/poster.js';
import type { Logger } from '../core/logger.js';
import type { ChannelStore } from '../core/ports.js';
import type { DeliveryQueue, QueuedDelivery } from '../store/delivery-queue.js';
import { startWorkPool, type WorkPool } from './work-pool.js';

export interface DeliveryWorkerOptions {
  queue: DeliveryQueue;
  channels: ChannelStore;
  posters: Poster[];
  /** Names this worker in its leases. */
  owner: string;
  leaseMs: number;
  /** After this many failed attempts a delivery is dead (until `paperboy retry`). */
  maxAttempts: number;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  /** Deliveries taken per round by `runOnce`. */
  batchSize?: number;
  /**
   * Deliveries posted at once per platform by `start` (default 200). A slow one (a long digest paced at one
   * message a second per Slack channel) holds only its own slot: the others keep going.
   */
  concurrency?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told how each attempt ended (metrics). */
  onOutcome?: (event: DeliveryOutcome) => void;
}

export interface DeliveryOutcome {
  platform: Platform;
  outcome: 'sent' | 'retry' | 'rate_limited' | 'dead' | 'deactivated';
  /** From queuing to sent. */
  latencyMs?: number;
  /** The platform's Retry-After. */
  waitMs?: number;
}

/** Our lease ran out and another worker holds the delivery now: it finishes the post, we stop. */
class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/**
 * Posts queued deliveries: leases a batch, posts each through its platform's poster, and records the outcome:
 * `sent`; `failed` with the next attempt time (exponential backoff with jitter, or the platform's
 * `Retry-After`); `dead` after the last attempt or at once on a permanent error, which also deactivates the
 * channel with the reason.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { queue, owner } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const posters = new Map<Platform, Poster>(options.posters.map((poster) => [poster.platform, poster]));
  const log = options.logger.child({ job: 'delivery-worker', owner });
  const pools: WorkPool[] = [];

  async function deliver(delivery: QueuedDelivery): Promise<void> {
    const poster = posters.get(delivery.channel.platform);
    const where = {
      delivery: delivery.id,
      channel: channelKey(delivery.channel),
      attempt: delivery.attempts,
    };
    if (!poster) return;
    if (delivery.previousStatus === 'sending' && !poster.supportsIdempotency) {
      log.warn('a worker died while posting this delivery; its last post may appear twice', {
        ...where,
        partsSent: delivery.partsSent,
      });
    }
    try {
      await poster.post(
        {
          channel: delivery.channel,
          card: delivery.card,
          threads: delivery.channel.settings.threads,
          idempotencyKey: delivery.idempotencyKey,
          partsSent: delivery.partsSent,
          messageIds: delivery.messageIds,
        },
        async (messageId) => {
          const leaseUntil = new Date(now().getTime() + options.leaseMs);
          if (!(await queue.recordPart(delivery.id, owner, messageId, leaseUntil)))
            throw new LeaseLostError();
        },
      );
      const sentAt = now();
      if (!(await queue.markSent(delivery.id, owner, sentAt))) {
        log.warn('lease lost before the delivery was marked sent', where);
        return;
      }
      options.onOutcome?.({
        platform: delivery.channel.platform,
        outcome: 'sent',
        latencyMs: sentAt.getTime() - delivery.createdAt.getTime(),
      });
    } catch (error) {
      await recordFailure(delivery, error, where);
    }
  }

  async function recordFailure(delivery: QueuedDelivery, error: unknown, where: Record<string, unknown>) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof LeaseLostError) {
      log.warn('another worker took this delivery over; stopped posting it', where);
    } else if (error instanceof PermanentDeliveryError) {
      log.warn('channel cannot be posted to; deactivating it', { ...where, reason: error.reason });
      await queue.markDead(delivery.id, owner, message);
      await options.channels.setActive(delivery.channel, false, error.reason);
      await queue.abandonChannel(delivery.channelId, message);
      options.onOutcome?.({ platform: delivery.channel.platform, outcome: 'deactivated' });
    } else if (error instanceof RateLimitedError) {
      log.info('rate limited; retrying after the wait', { ...where, retryAfterMs: error.retryAfterMs });
      const nextAttemptAt = new Date(now().getTime() + error.retryAfterMs);
      await queue.markRetry(delivery.id, owner, { error: message, nextAttemptAt, countAttempt: false });
      options.onOutcome?.({
        platform: delivery.channel.platform,
        outcome: 'rate_limited',
        waitMs: error.retryAfterMs,
      });
    } else if (delivery.attempts >= options.maxAttempts) {
      log.error('delivery failed for the last time', { ...where, error: message });
      await queue.markDead(delivery.id, owner, message);
      options.onOutcome?.({ platform: delivery.channel.platform, outcome: 'dead' });
    } else {
      const waitMs = backoffDelay(delivery.attempts, {
        baseDelayMs: options.baseDelayMs ?? 5_000,
        maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
        random,
      });
      log.warn('delivery failed; will retry', { ...where, error: message, waitMs });
      await queue.markRetry(delivery.id, owner, {
        error: message,
        nextAttemptAt: new Date(now().getTime() + waitMs),
        countAttempt: true,
      });
      options.onOutcome?.({ platform: delivery.channel.platform, outcome: 'retry' });
    }
  }

  /** Takes one batch of due deliveries and posts them; returns how many were taken. */
  async function runOnce(): Promise<number> {
    const batch = await queue.take({
      owner,
      now: now(),
      leaseMs: options.leaseMs,
      limit: options.batchSize ?? 20,
      platforms: [...posters.keys()],
    });
    await Promise.all(batch.map((delivery) => deliver(delivery)));
    return batch.length;
  }

  return {
    runOnce,

    /**
     * Keeps up to `concurrency` deliveries per platform posting until `stop`, taking more as soon as a slot
     * frees up. Each platform has its own slots: one held back by its limits cannot starve the other.
     */
    start(pollMs = 1000): void {
      for (const platform of posters.keys()) {
        const pool = startWorkPool({
          concurrency: options.concurrency ?? 200,
          pollMs,
          take: (limit) =>
            queue.take({ owner, now: now(), leaseMs: options.leaseMs, limit, platforms: [platform] }),
          run: deliver,
          log,
        });
        pools.push(pool);
      }
    },

    /** Stops taking work, lets posts in flight finish (at most `timeoutMs`), then releases this worker's leases. */
    async stop(timeoutMs: number): Promise<void> {
      await Promise.all(pools.map((pool) => pool.stop(timeoutMs)));
      const released = await queue.releaseLeases(owner, now());
      if (released > 0) log.warn('released leases of posts that did not finish in time', { released });
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
