import { and, eq, gte, sql } from 'drizzle-orm';
import type { Channel } from '../core/channel.js';
import type { Database } from '../db/database.js';
import { channels, type DigestSlotStatus, digestSlots } from '../db/schema.js';
import { toChannel } from './channel-store.js';

export interface ScheduledChannel {
  id: number;
  channel: Channel;
  scheduleChangedAt: Date;
}

/** A channel whose weekly recap is on, and when its recap setting last changed (it owes no earlier week). */
export interface RecapChannel {
  id: number;
  channel: Channel;
  recapChangedAt: Date;
}

/**
 * The claims on due digests and weekly recaps: one row per (channel, slot), whoever inserts it first owns that
 * digest or recap. Recap slots are written `recap:<instant>` (`recapSlotKey`), so they never meet a digest's.
 */
export function createDigestSlots(db: Database) {
  return {
    /** Active channels whose digest is on. */
    async scheduledChannels(): Promise<ScheduledChannel[]> {
      const rows = await db
        .select()
        .from(channels)
        .where(
          and(eq(channels.active, true), sql`(${channels.settings} -> 'schedule' ->> 'enabled') = 'true'`),
        );
      return rows.map((row) => ({
        id: row.id,
        channel: toChannel(row),
        scheduleChangedAt: row.scheduleChangedAt,
      }));
    },

    /** Active channels whose weekly recap is on. */
    async recapChannels(): Promise<RecapChannel[]> {
      const rows = await db
        .select()
        .from(channels)
        .where(and(eq(channels.active, true), sql`(${channels.settings} -> 'recap' ->> 'enabled') = 'true'`));
      return rows.map((row) => ({ id: row.id, channel: toChannel(row), recapChangedAt: row.recapChangedAt }));
    },

    /** `channelId|slot` of every slot already claimed or recorded since `since`. */
    async recordedSince(since: Date): Promise<Set<string>> {
      const rows = await db
        .select({ channelId: digestSlots.channelId, slot: digestSlots.slot })
        .from(digestSlots)
        .where(gte(digestSlots.dueAt, since));
      return new Set(rows.map((row) => `${row.channelId}|${row.slot}`));
    },

    /** Inserts the slot's row; its id when this caller won it, null when it was already taken. */
    async claim(slot: {
      channelId: number;
      slot: string;
      dueAt: Date;
      status: DigestSlotStatus;
      late: boolean;
      owner: string;
      now: Date;
    }): Promise<number | null> {
      const [row] = await db
        .insert(digestSlots)
        .values({
          channelId: slot.channelId,
          slot: slot.slot,
          dueAt: slot.dueAt,
          status: slot.status,
          late: slot.late,
          claimedBy: slot.owner,
          claimedAt: slot.now,
        })
        .onConflictDoNothing()
        .returning({ id: digestSlots.id });
      return row?.id ?? null;
    },

    async setStatus(id: number, status: DigestSlotStatus): Promise<void> {
      await db.update(digestSlots).set({ status }).where(eq(digestSlots.id, id));
    },
  };
}
