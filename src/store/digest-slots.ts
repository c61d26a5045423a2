import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { type DigestSlotStatus, digestSlots } from '../db/schema.js';

/**
 * The claims on due digests and weekly recaps: one row per (channel, slot), whoever inserts it first owns that
 * digest or recap. Recap slots are written `recap:<instant>` (`recapSlotKey`), so they never meet a digest's.
 * Which channels are due, with their recorded slots, is `createDueChannels`' part.
 */
export function createDigestSlots(db: Database) {
  return {
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
