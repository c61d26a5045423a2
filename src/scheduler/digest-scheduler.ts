import type { Card } from '../core/cards/card.js';
import { type Channel, channelKey } from '../core/channel.js';
import { buildDigest, deliveredItems } from '../core/digest/build-digest.js';
import { digestCard } from '../core/digest/digest-card.js';
import type { Logger } from '../core/logger.js';
import type { DigestPapers } from '../core/ports.js';
import { dueSlotsBetween, slotKey } from '../core/schedule/due-times.js';
import { storedNextDigest } from '../core/schedule/stored-next-due.js';
import { rememberedTldrs, type TldrMemory } from '../core/tldr/remembered-tldrs.js';
import { createTldrFiller } from '../core/tldr/tldr-filler.js';
import type { Database } from '../db/database.js';
import { createDeliveryQueue } from '../store/delivery-queue.js';
import { createDigestPapers, lockChannel } from '../store/digest-papers.js';
import { createDigestSlots } from '../store/digest-slots.js';
import { createDueChannels, type DueEntry } from '../store/due-channels.js';
import { createFeedbackStore } from '../store/feedback-store.js';
import { createPaperUpdateStore } from '../store/paper-update-store.js';
import { createSharedPaperStore } from '../store/shared-paper-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';
import { createTldrStore } from '../store/tldr-store.js';
import { claimDueSlots, LATE_AFTER_MS, LOOKBACK_MS, type TickSummary } from './claim-due-slots.js';

export interface DigestSchedulerOptions {
  db: Database;
  /** Names this replica in the claims it makes. */
  owner: string;
  /** A slot missed by less than this is delivered late; an older one is recorded as missed. */
  graceMs: number;
  logger: Logger;
  /**
   * With a model: the TL;DRs already written go into each digest as it is built (never waiting for the model),
   * read through this replica's memory of them, so the delivery has none left to add and stores its card once.
   */
  tldrMemory?: TldrMemory;
}

/**
 * The digest papers with the latest Daily Papers day read once per tick (`dailyDays`), as it is the same for
 * every digest; a failed read fails its own build only, and the next one reads again.
 */
function withDailyDayOnce(
  papers: DigestPapers,
  dailyDays: Map<string, Promise<string | null>>,
): DigestPapers {
  return {
    ...papers,
    latestDailyDay(onOrBefore) {
      const known = dailyDays.get(onOrBefore);
      if (known) return known;
      const read = papers.latestDailyDay(onOrBefore);
      dailyDays.set(onOrBefore, read);
      read.catch(() => dailyDays.delete(onOrBefore));
      return read;
    },
  };
}

/**
 * Finds the digests due up to `now` and claims each with a unique (channel, slot) row: one replica wins and,
 * in the same transaction, builds the digest, records its papers as delivered and queues the message (up to
 * `BUILDS_AT_ONCE` channels at once). After
 * downtime, the latest slot missed by less than the grace period is delivered late; older ones are recorded as
 * missed. Only channels whose stored next-due time has come are read; once all of a channel's due slots are
 * claimed or recorded, its next-due time moves to its first slot after `now`.
 */
export function createDigestScheduler(options: DigestSchedulerOptions) {
  const { db, owner, graceMs } = options;
  const log = options.logger.child({ job: 'digest-scheduler' });
  const slots = createDigestSlots(db);
  const due = createDueChannels(db);

  /** The card with the TL;DRs written so far, read in the build's transaction (an embedded database has one connection). */
  async function withStoredTldrs(store: Database, card: Card | null, channel: Channel): Promise<Card | null> {
    if (!card || !options.tldrMemory) return card;
    const tldrs = rememberedTldrs(createTldrStore(store), options.tldrMemory);
    // Never waits: missing TL;DRs are asked for when the digest is posted.
    return createTldrFiller({ tldrs, ready: () => false }).fill(card, channel.settings.language, {
      wait: false,
    });
  }

  async function claimAndQueue(
    scheduled: DueEntry,
    dueAt: Date,
    now: Date,
    dailyDays: Map<string, Promise<string | null>>,
  ): Promise<'claimed' | 'taken' | 'empty'> {
    const { channel } = scheduled;
    const slot = slotKey(dueAt);
    const late = now.getTime() - dueAt.getTime() > LATE_AFTER_MS;
    return db.transaction(async (tx) => {
      const store = tx as unknown as Database;
      const slotId = await createDigestSlots(store).claim({
        channelId: scheduled.id,
        slot,
        dueAt,
        status: 'claimed',
        late,
        owner,
        now,
      });
      if (slotId === null) return 'taken';
      await lockChannel(store, scheduled.id);
      const papers = withDailyDayOnce(createDigestPapers(store), dailyDays);
      const updates = createPaperUpdateStore(store);
      const digest = await buildDigest(
        {
          papers,
          subscriptions: createSubscriptionStore(store),
          feedback: createFeedbackStore(store),
          shares: createSharedPaperStore(store),
          updates,
        },
        channel,
        now,
      );
      const card = await withStoredTldrs(
        store,
        digestCard(digest, { postWhenEmpty: channel.settings.postWhenEmpty, late }),
        channel,
      );
      // Papers left out as already shared count as delivered even when nothing is posted.
      await papers.markDelivered(channel, deliveredItems(digest), now);
      if (!card) {
        await createDigestSlots(store).setStatus(slotId, 'empty');
        return 'empty';
      }
      await updates.markMentioned(channel, digest.updates ?? [], now);
      await createDeliveryQueue(store).enqueue(
        {
          channelId: scheduled.id,
          slotId,
          kind: 'digest',
          card,
          idempotencyKey: `digest:${channelKey(channel)}:${slot}`,
        },
        now,
      );
      log.info('digest queued', {
        channel: channelKey(channel),
        slot,
        items: digest.items.length,
        shared: digest.shared?.length ?? 0,
        updates: digest.updates?.length ?? 0,
        late,
      });
      return 'claimed';
    });
  }

  return {
    async tick(now: Date): Promise<TickSummary> {
      const { entries, recorded } = await due.load('digest', now, new Date(now.getTime() - LOOKBACK_MS));
      const dailyDays = new Map<string, Promise<string | null>>();
      log.debug('due channels loaded', { channels: entries.length });
      const { summary, settled } = await claimDueSlots({
        what: 'digest',
        channels: entries,
        recorded,
        now,
        graceMs,
        owner,
        slots,
        dueBetween: (entry, from, to) => dueSlotsBetween(entry.channel.settings.schedule, from, to),
        slotKey,
        claimAndQueue: (entry, dueAt) => claimAndQueue(entry, dueAt, now, dailyDays),
        log,
      });
      await due.advance(
        'digest',
        settled.map((entry) => ({
          id: entry.id,
          stored: entry.stored,
          nextDueAt: storedNextDigest(entry.channel.settings.schedule, now),
        })),
      );
      return summary;
    },
  };
}

export type DigestScheduler = ReturnType<typeof createDigestScheduler>;
