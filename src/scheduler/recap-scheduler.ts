import { channelKey } from '../core/channel.js';
import type { Logger } from '../core/logger.js';
import { buildRecap } from '../core/recap/build-recap.js';
import { recapCard } from '../core/recap/recap-card.js';
import { slotKey } from '../core/schedule/due-times.js';
import { dueRecapsBetween, recapSlotKey } from '../core/schedule/recap-due-times.js';
import { storedNextRecap } from '../core/schedule/stored-next-due.js';
import type { Database } from '../db/database.js';
import { createDeliveryQueue } from '../store/delivery-queue.js';
import { createDigestPapers, lockChannel } from '../store/digest-papers.js';
import { createDigestSlots } from '../store/digest-slots.js';
import { createDueChannels, type DueEntry } from '../store/due-channels.js';
import { createRecapPapers } from '../store/recap-papers.js';
import { createSubscriptionStore } from '../store/subscription-store.js';
import { claimDueSlots, LATE_AFTER_MS, LOOKBACK_MS, type TickSummary } from './claim-due-slots.js';

export interface RecapSchedulerOptions {
  db: Database;
  /** Names this replica in the claims it makes. */
  owner: string;
  /** A recap missed by less than this is delivered late; an older one is recorded as missed (DIGEST_GRACE). */
  graceMs: number;
  logger: Logger;
}

/**
 * Finds the weekly recaps due up to `now` and claims each exactly as digests are claimed: a unique
 * (channel, `recap:<instant>`) row in the same claims table, so one replica wins and, in the same transaction,
 * builds the recap, records its unseen papers as delivered and queues the message on the digests' delivery
 * queue. After downtime the latest recap missed by less than the grace period is delivered late; older ones
 * are recorded as missed. A recap owes nothing for the weeks before its setting last changed, so
 * scheduling it for a time that has just passed does not post one at once. Only channels whose stored
 * next-due recap time has come are read, and it moves on as a digest's does.
 */
export function createRecapScheduler(options: RecapSchedulerOptions) {
  const { db, owner, graceMs } = options;
  const log = options.logger.child({ job: 'recap-scheduler' });
  const slots = createDigestSlots(db);
  const due = createDueChannels(db);

  async function claimAndQueue(
    scheduled: DueEntry,
    dueAt: Date,
    now: Date,
  ): Promise<'claimed' | 'taken' | 'empty'> {
    const { channel } = scheduled;
    const slot = recapSlotKey(dueAt);
    const late = now.getTime() - dueAt.getTime() > LATE_AFTER_MS;
    return db.transaction(async (tx) => {
      const store = tx as unknown as Database;
      const claims = createDigestSlots(store);
      const slotId = await claims.claim({
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
      const recap = await buildRecap(
        { papers: createRecapPapers(store), subscriptions: createSubscriptionStore(store) },
        channel,
        dueAt,
      );
      const card = recapCard(recap, { postWhenEmpty: channel.settings.postWhenEmpty, late });
      if (!card) {
        await claims.setStatus(slotId, 'empty');
        return 'empty';
      }
      await createDigestPapers(store).markDelivered(
        channel,
        recap.unseen.map((paper) => ({ paperId: paper.id, matchedTerm: null })),
        now,
      );
      await createDeliveryQueue(store).enqueue(
        {
          channelId: scheduled.id,
          slotId,
          kind: 'recap',
          card,
          idempotencyKey: `recap:${channelKey(channel)}:${slotKey(dueAt)}`,
        },
        now,
      );
      log.info('recap queued', {
        channel: channelKey(channel),
        slot,
        team: recap.team.length,
        unseen: recap.unseen.length,
        late,
      });
      return 'claimed';
    });
  }

  return {
    async tick(now: Date): Promise<TickSummary> {
      const { entries, recorded } = await due.load('recap', now, new Date(now.getTime() - LOOKBACK_MS));
      log.debug('due channels loaded', { channels: entries.length });
      const { summary, settled } = await claimDueSlots({
        what: 'recap',
        channels: entries,
        recorded,
        now,
        graceMs,
        owner,
        slots,
        dueBetween: (entry, from, to) => dueRecapsBetween(entry.channel.settings.recap, from, to),
        slotKey: recapSlotKey,
        claimAndQueue: (entry, dueAt) => claimAndQueue(entry, dueAt, now),
        log,
      });
      await due.advance(
        'recap',
        settled.map((entry) => ({
          id: entry.id,
          stored: entry.stored,
          nextDueAt: storedNextRecap(entry.channel.settings.recap, now),
        })),
      );
      return summary;
    },
  };
}

export type RecapScheduler = ReturnType<typeof createRecapScheduler>;
