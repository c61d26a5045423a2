import { randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { InteractionState } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { interactionState } from '../db/schema.js';

/** 12 random bytes: 16 characters of base64url, unguessable, so a key cannot be forged to reach another's state. */
const newKey = (): string => randomBytes(12).toString('base64url');

/** Interaction state in Postgres (the `interaction_state` table), shared by every replica. */
export function createInteractionStateStore(db: Database): InteractionState & {
  /** Deletes the values that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
} {
  return {
    async put(value, expiresAt) {
      const key = newKey();
      await db.insert(interactionState).values({ key, value, expiresAt });
      return key;
    },

    async get(key, now) {
      const [row] = await db
        .select({ value: interactionState.value })
        .from(interactionState)
        .where(and(eq(interactionState.key, key), gt(interactionState.expiresAt, now)));
      return row?.value ?? null;
    },

    async deleteExpired(now) {
      const deleted = await db
        .delete(interactionState)
        .where(lte(interactionState.expiresAt, now))
        .returning({ key: interactionState.key });
      return deleted.length;
    },
  };
}

export type InteractionStateStore = ReturnType<typeof createInteractionStateStore>;
