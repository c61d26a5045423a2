import { and, asc, eq, inArray } from 'drizzle-orm';
import type { SubscriptionStore } from '../core/ports.js';
import type { SubscriptionTerm } from '../core/subscriptions/term.js';
import type { Database } from '../db/database.js';
import { subscriptions } from '../db/schema.js';
import { channelIdOf } from './channel-store.js';

const normalize = (term: SubscriptionTerm): string => term.text.toLowerCase();

/** Subscriptions per channel; the channel must exist (see `ChannelStore.ensure`). */
export function createSubscriptionStore(db: Database): SubscriptionStore {
  const list = async (ref: Parameters<SubscriptionStore['list']>[0]): Promise<SubscriptionTerm[]> => {
    const rows = await db
      .select({ kind: subscriptions.kind, value: subscriptions.value, text: subscriptions.text })
      .from(subscriptions)
      .where(eq(subscriptions.channelId, channelIdOf(ref)))
      .orderBy(asc(subscriptions.id));
    return rows;
  };

  return {
    list,

    async add(ref, terms) {
      if (terms.length === 0) return { added: [], existing: [] };
      const inserted = await db
        .insert(subscriptions)
        .values(terms.map((term) => ({ channelId: channelIdOf(ref), ...term, normalized: normalize(term) })))
        .onConflictDoNothing()
        .returning({ normalized: subscriptions.normalized });
      const addedKeys = new Set(inserted.map((row) => row.normalized));
      return {
        added: terms.filter((term) => addedKeys.has(normalize(term))),
        existing: terms.filter((term) => !addedKeys.has(normalize(term))),
      };
    },

    async remove(ref, terms) {
      if (terms.length === 0) return { removed: [], missing: [] };
      const deleted = await db
        .delete(subscriptions)
        .where(
          and(
            eq(subscriptions.channelId, channelIdOf(ref)),
            inArray(subscriptions.normalized, terms.map(normalize)),
          ),
        )
        .returning({ normalized: subscriptions.normalized });
      const removedKeys = new Set(deleted.map((row) => row.normalized));
      return {
        removed: terms.filter((term) => removedKeys.has(normalize(term))),
        missing: terms.filter((term) => !removedKeys.has(normalize(term))),
      };
    },
  };
}
