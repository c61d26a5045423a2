import { type Channel, channelKey } from '../core/channel.js';
import { concurrencyLimit } from '../core/concurrency-limit.js';
import type { Logger } from '../core/logger.js';
import type { createDigestSlots } from '../store/digest-slots.js';

/** How far back a tick looks for slots it has not seen, e.g. after downtime. */
export const LOOKBACK_MS = 48 * 3_600_000;
/** A slot claimed this long after its time says it is late. */
export const LATE_AFTER_MS = 5 * 60_000;
/**
 * Slots built at once, each in a transaction of its own: one's queries run while another's papers are scored, so
 * a tick of thousands of learning channels keeps ahead of the platforms' rate limits. Few enough that commands
 * and deliveries keep connections of the pool (10) meanwhile.
 */
export const BUILDS_AT_ONCE = 4;

export interface TickSummary {
  /** Slots this replica won, built and queued. */
  claimed: number;
  /** Slots another replica had already claimed. */
  taken: number;
  /** Slots with nothing to post on a channel that stays silent on empty days. */
  empty: number;
  /** Slots too old to deliver, recorded as missed. */
  missed: number;
}

/** A channel with something due on a clock (a digest or a weekly recap). */
export interface DueChannel {
  id: number;
  channel: Channel;
  /** Nothing is owed for times before this (the schedule or the settings changed then). */
  owedFrom: Date;
}

export interface ClaimDueSlotsOptions<Entry extends DueChannel> {
  /** `digest` or `recap`, for the log. */
  what: string;
  channels: readonly Entry[];
  /** `channelId|slot` of the slots already claimed or recorded since `now - LOOKBACK_MS`. */
  recorded: ReadonlySet<string>;
  now: Date;
  /** A slot missed by less than this is delivered late; an older one is recorded as missed. */
  graceMs: number;
  owner: string;
  slots: Pick<ReturnType<typeof createDigestSlots>, 'claim'>;
  dueBetween: (entry: Entry, from: Date, to: Date) => Date[];
  slotKey: (dueAt: Date) => string;
  /** Claims the slot and, in the same transaction, builds and queues what it posts. */
  claimAndQueue: (entry: Entry, dueAt: Date) => Promise<'claimed' | 'taken' | 'empty'>;
  log: Logger;
}

export interface ClaimedSlots<Entry> {
  summary: TickSummary;
  /** The channels whose every due slot is now claimed or recorded, by this replica or another. */
  settled: Entry[];
}

/**
 * One tick over channels with something due: every slot due since the channel's `owedFrom` (within the lookback)
 * that no replica recorded yet is either claimed and queued (the latest, when missed by less than the grace) or
 * recorded as missed, up to `BUILDS_AT_ONCE` at a time. A slot that fails to build is left for the next tick,
 * and its channel is not settled.
 */
export async function claimDueSlots<Entry extends DueChannel>(
  options: ClaimDueSlotsOptions<Entry>,
): Promise<ClaimedSlots<Entry>> {
  const { now, what, log } = options;
  const summary: TickSummary = { claimed: 0, taken: 0, empty: 0, missed: 0 };
  const failed = new Set<Entry>();
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const building: Promise<void>[] = [];
  const limit = concurrencyLimit(BUILDS_AT_ONCE);
  for (const entry of options.channels) {
    const from = new Date(Math.max(since.getTime(), entry.owedFrom.getTime()));
    const due = options
      .dueBetween(entry, from, now)
      .filter((dueAt) => !options.recorded.has(`${entry.id}|${options.slotKey(dueAt)}`));
    const latest = due.at(-1);
    for (const dueAt of due) {
      const slot = options.slotKey(dueAt);
      if (dueAt !== latest || now.getTime() - dueAt.getTime() > options.graceMs) {
        const missed = await options.slots.claim({
          channelId: entry.id,
          slot,
          dueAt,
          status: 'missed',
          late: true,
          owner: options.owner,
          now,
        });
        if (missed !== null) {
          summary.missed += 1;
          log.warn(`${what} slot missed`, { channel: channelKey(entry.channel), slot });
        }
        continue;
      }
      building.push(
        limit(async () => {
          try {
            summary[await options.claimAndQueue(entry, dueAt)] += 1;
          } catch (error) {
            failed.add(entry);
            log.error(`building a ${what} failed; the next tick retries it`, {
              channel: channelKey(entry.channel),
              error,
            });
          }
        }),
      );
    }
  }
  await Promise.all(building);
  return { summary, settled: options.channels.filter((entry) => !failed.has(entry)) };
}
