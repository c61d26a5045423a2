import { channelKey } from '../core/channel.js';
import { concurrencyLimit } from '../core/concurrency-limit.js';
import { buildDigest } from '../core/digest/build-digest.js';
import { digestCard } from '../core/digest/digest-card.js';
import type { Logger } from '../core/logger.js';
import { dueSlotsBetween, slotKey } from '../core/schedule/due-times.js';
import type { Database } from '../db/database.js';
import { createDeliveryQueue } from '../store/delivery-queue.js';
import { createDigestPapers, lockChannel } from '../store/digest-papers.js';
import { createDigestSlots, type ScheduledChannel } from '../store/digest-slots.js';
import { createFeedbackStore } from '../store/feedback-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';

/** How far back a tick looks for slots it has not seen, e.g. after downtime. */
const LOOKBACK_MS = 48 * 3_600_000;
/** A digest claimed this long after its time says it is late. */
const LATE_AFTER_MS = 5 * 60_000;
/**
 * Digests built at once, each in a transaction of its own: one's queries run while another's papers are scored,
 * so a tick of thousands of learning channels keeps ahead of the platforms' rate limits. Few enough that
 * commands and deliveries keep connections of the pool (10) meanwhile.
 */
export const DIGEST_BUILD_CONCURRENCY = 4;

export interface DigestSchedulerOptions {
  db: Database;
  /** Names this replica in the claims it makes. */
  owner: string;
  /** A slot missed by less than this is delivered late; an older one is recorded as missed. */
  graceMs: number;
  logger: Logger;
}

export interface TickSummary {
  /** Digests this replica won, built and queued. */
  claimed: number;
  /** Slots another replica had already claimed. */
  taken: number;
  /** Slots with nothing to post on a channel that stays silent on empty days. */
  empty: number;
  /** Slots too old to deliver, recorded as missed. */
  missed: number;
}

/**
 * Finds the digests due up to `now` and claims each with a unique (channel, slot) row: one replica wins and,
 * in the same transaction, builds the digest, records its papers as delivered and queues the message (up to
 * `DIGEST_BUILD_CONCURRENCY` channels at once). After
 * downtime, the latest slot missed by less than the grace period is delivered late; older ones are recorded as
 * missed.
 */
export function createDigestScheduler(options: DigestSchedulerOptions) {
  const { db, owner, graceMs } = options;
  const log = options.logger.child({ job: 'digest-scheduler' });
  const slots = createDigestSlots(db);
  const limit = concurrencyLimit(DIGEST_BUILD_CONCURRENCY);

  async function claimAndQueue(
    scheduled: ScheduledChannel,
    dueAt: Date,
    now: Date,
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
      const papers = createDigestPapers(store);
      const digest = await buildDigest(
        { papers, subscriptions: createSubscriptionStore(store), feedback: createFeedbackStore(store) },
        channel,
        now,
      );
      const card = digestCard(digest, { postWhenEmpty: channel.settings.postWhenEmpty, late });
      if (!card) {
        await createDigestSlots(store).setStatus(slotId, 'empty');
        return 'empty';
      }
      await papers.markDelivered(
        channel,
        digest.items.map((item) => ({ paperId: item.paper.id, matchedTerm: item.matchedTerm })),
        now,
      );
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
      log.info('digest queued', { channel: channelKey(channel), slot, items: digest.items.length, late });
      return 'claimed';
    });
  }

  return {
    async tick(now: Date): Promise<TickSummary> {
      const summary: TickSummary = { claimed: 0, taken: 0, empty: 0, missed: 0 };
      const building: Promise<void>[] = [];
      const since = new Date(now.getTime() - LOOKBACK_MS);
      const [scheduled, recorded] = await Promise.all([
        slots.scheduledChannels(),
        slots.recordedSince(since),
      ]);
      for (const entry of scheduled) {
        const from = new Date(Math.max(since.getTime(), entry.scheduleChangedAt.getTime()));
        const due = dueSlotsBetween(entry.channel.settings.schedule, from, now).filter(
          (dueAt) => !recorded.has(`${entry.id}|${slotKey(dueAt)}`),
        );
        const latest = due.at(-1);
        for (const dueAt of due) {
          const deliverable = dueAt === latest && now.getTime() - dueAt.getTime() <= graceMs;
          if (!deliverable) {
            const missed = await slots.claim({
              channelId: entry.id,
              slot: slotKey(dueAt),
              dueAt,
              status: 'missed',
              late: true,
              owner,
              now,
            });
            if (missed !== null) {
              summary.missed += 1;
              log.warn('digest slot missed', { channel: channelKey(entry.channel), slot: slotKey(dueAt) });
            }
            continue;
          }
          building.push(
            limit(async () => {
              try {
                summary[await claimAndQueue(entry, dueAt, now)] += 1;
              } catch (error) {
                log.error('building a digest failed; the next tick retries it', {
                  channel: channelKey(entry.channel),
                  error,
                });
              }
            }),
          );
        }
      }
      await Promise.all(building);
      return summary;
    },
  };
}

export type DigestScheduler = ReturnType<typeof createDigestScheduler>;
