import { backoffDelay } from '../core/backoff.js';
import { withCounts } from '../core/bot/feedback-card.js';
import { channelKey, type Platform } from '../core/channel.js';
import {
  EditRefusedError,
  PermanentDeliveryError,
  type PostedPart,
  type Poster,
  RateLimitedError,
} from '../core/delivery/poster.js';
import type { Logger } from '../core/logger.js';
import type { ChannelStore, FeedbackStore, PostedMessages } from '../core/ports.js';
import type { TldrFiller } from '../core/tldr/tldr-filler.js';
import type { DeliveryQueue, QueuedDelivery } from '../store/delivery-queue.js';
import { withMessageLinks } from './message-links.js';

export interface DeliverOneOptions {
  queue: DeliveryQueue;
  channels: ChannelStore;
  posters: Poster[];
  /** Where what each post shows is recorded, so its feedback counts can be redrawn. */
  postedMessages?: PostedMessages;
  /** The channel's feedback counts, drawn on an edited message as they are now. */
  feedback?: Pick<FeedbackStore, 'counts'>;
  /** Names this worker in its leases. */
  owner: string;
  leaseMs: number;
  /** After this many failed attempts a delivery is dead (until `paperboy retry`). */
  maxAttempts: number;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told how each attempt ended (metrics). */
  onOutcome?: (event: DeliveryOutcome) => void;
  /** Puts the model's TL;DRs into a digest or alert before its first post (waiting briefly for missing ones). */
  tldrs?: Pick<TldrFiller, 'fill'>;
}

export interface DeliveryOutcome {
  platform: Platform;
  outcome: 'sent' | 'retry' | 'rate_limited' | 'dead' | 'deactivated' | 'interrupted';
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
 * Posts one leased delivery through its platform's poster and records the outcome: `sent`; `failed` with the
 * next attempt time (exponential backoff with jitter, or the platform's `Retry-After`); `dead` after the last
 * attempt or at once on a permanent error, which also deactivates the channel with the reason. When `signal`
 * aborts (shutdown) the post stops, what went out stays recorded, and the delivery is due again at once, for
 * another replica or the next start, without counting the attempt.
 */
export function createDeliverOne(options: DeliverOneOptions) {
  const { queue, owner } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const posters = new Map<Platform, Poster>(options.posters.map((poster) => [poster.platform, poster]));
  const log = options.logger.child({ job: 'delivery-worker', owner });

  async function recordFailure(delivery: QueuedDelivery, error: unknown, where: Record<string, unknown>) {
    const message = error instanceof Error ? error.message : String(error);
    const platform = delivery.channel.platform;
    if (error instanceof LeaseLostError) {
      log.warn('another worker took this delivery over; stopped posting it', where);
    } else if (
      delivery.editOf &&
      (error instanceof PermanentDeliveryError || error instanceof EditRefusedError)
    ) {
      // An edit that cannot be made (the message was deleted) says nothing about posting to the channel.
      log.info('the platform would not edit a posted message; dropped the edit', {
        ...where,
        error: message,
      });
      await queue.markDead(delivery.id, owner, message);
      options.onOutcome?.({ platform, outcome: 'dead' });
    } else if (error instanceof PermanentDeliveryError) {
      log.warn('channel cannot be posted to; deactivating it', { ...where, reason: error.reason });
      await queue.markDead(delivery.id, owner, message);
      await options.channels.setActive(delivery.channel, false, error.reason);
      await queue.abandonChannel(delivery.channelId, message);
      options.onOutcome?.({ platform, outcome: 'deactivated' });
    } else if (error instanceof RateLimitedError) {
      log.info('rate limited; retrying after the wait', { ...where, retryAfterMs: error.retryAfterMs });
      const nextAttemptAt = new Date(now().getTime() + error.retryAfterMs);
      await queue.markRetry(delivery.id, owner, { error: message, nextAttemptAt, countAttempt: false });
      options.onOutcome?.({ platform, outcome: 'rate_limited', waitMs: error.retryAfterMs });
    } else if (delivery.attempts >= options.maxAttempts) {
      log.error('delivery failed for the last time', { ...where, error: message });
      await queue.markDead(delivery.id, owner, message);
      options.onOutcome?.({ platform, outcome: 'dead' });
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
      options.onOutcome?.({ platform, outcome: 'retry' });
    }
  }

  /** What a post shows, for redrawing its counts; losing it only costs the live counts, so it never fails the post. */
  async function recordShown(
    delivery: QueuedDelivery,
    messageId: string,
    shown: PostedPart,
    where: Record<string, unknown>,
  ) {
    try {
      await options.postedMessages?.record({ channel: delivery.channel, messageId, ...shown }, now());
    } catch (error) {
      log.warn('could not record what a post shows; its counts will not be redrawn', { ...where, error });
    }
  }

  /** Shutdown stopped the post: hand the delivery on at once, resuming after the posts recorded. */
  async function recordInterrupted(delivery: QueuedDelivery, where: Record<string, unknown>) {
    const interrupted = await queue.markRetry(delivery.id, owner, {
      error: 'interrupted by shutdown; resumes after the posts recorded',
      nextAttemptAt: now(),
      countAttempt: false,
    });
    if (interrupted)
      log.info('shutdown stopped this delivery; another replica or the next start resumes it', where);
    options.onOutcome?.({ platform: delivery.channel.platform, outcome: 'interrupted' });
  }

  /**
   * An `edit`: the posted message drawn again with the delivery's card, which it then shows (so later count
   * redraws keep the new upvotes and links). A platform that cannot edit has nothing to do.
   */
  async function edit(
    poster: Poster,
    delivery: QueuedDelivery,
    target: { messageId: string; perPaper: boolean },
  ) {
    if (!poster.edit) return;
    const card =
      delivery.card.feedback && options.feedback
        ? await withCounts(delivery.card, options.feedback, delivery.channel)
        : delivery.card;
    await poster.edit({
      channel: delivery.channel,
      messageId: target.messageId,
      card,
      perPaper: target.perPaper,
    });
    await options.postedMessages?.replaceCard(delivery.channel, target.messageId, card);
  }

  /**
   * The card with its TL;DRs, before the first post only: the filled card is stored with the delivery, so a
   * retry posts exactly the parts the first attempt did. A failure here costs only the TL;DRs.
   */
  async function withTldrs(
    delivery: QueuedDelivery,
    where: Record<string, unknown>,
  ): Promise<QueuedDelivery> {
    if (!options.tldrs || delivery.editOf || delivery.partsSent > 0) return delivery;
    try {
      const card = await options.tldrs.fill(delivery.card, delivery.channel.settings.language, {
        wait: true,
      });
      if (card === delivery.card) return delivery;
      if (!(await queue.replaceCard(delivery.id, owner, card))) throw new LeaseLostError();
      return { ...delivery, card };
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      log.warn('could not add TL;DRs; posting with the abstract sentences', { ...where, error });
      return delivery;
    }
  }

  return async function deliverOne(leased: QueuedDelivery, signal?: AbortSignal): Promise<void> {
    let delivery = leased;
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
      delivery = await withTldrs(delivery, where);
      if (delivery.editOf) await edit(poster, delivery, delivery.editOf);
      else
        await poster.post(
          {
            channel: delivery.channel,
            card: await withMessageLinks(delivery.card, poster, delivery.channel),
            threads: delivery.channel.settings.threads,
            idempotencyKey: delivery.idempotencyKey,
            partsSent: delivery.partsSent,
            messageIds: delivery.messageIds,
          },
          async (messageId, shown) => {
            const leaseUntil = new Date(now().getTime() + options.leaseMs);
            if (!(await queue.recordPart(delivery.id, owner, messageId, leaseUntil)))
              throw new LeaseLostError();
            if (shown) await recordShown(delivery, messageId, shown, where);
          },
          signal,
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
      if (signal?.aborted && !(error instanceof LeaseLostError)) await recordInterrupted(delivery, where);
      else await recordFailure(delivery, error, where);
    }
  };
}

export type DeliverOne = ReturnType<typeof createDeliverOne>;
