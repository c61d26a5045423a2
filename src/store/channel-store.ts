import { type AnyColumn, and, asc, eq, type SQL, sql } from 'drizzle-orm';
import {
  type Channel,
  type ChannelRef,
  type ChannelSettings,
  channelSettingsSchema,
  DEFAULT_SETTINGS,
} from '../core/channel.js';
import type { ChannelStore } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { channels } from '../db/schema.js';
import { newChannelRow, nextDueColumns } from './next-due-columns.js';

/** Matches the row of a channel. */
export function whereChannel(ref: ChannelRef): SQL {
  return and(
    eq(channels.platform, ref.platform),
    eq(channels.workspaceId, ref.workspaceId),
    eq(channels.channelId, ref.channelId),
  ) as SQL;
}

/** The internal id of a channel, as a subquery (for tables keyed by it). */
export function channelIdOf(ref: ChannelRef): SQL<number> {
  return sql<number>`(select ${channels.id} from ${channels} where ${whereChannel(ref)})`;
}

export function createChannelStore(db: Database): ChannelStore {
  const get = async (ref: ChannelRef): Promise<Channel | null> => {
    const [row] = await db.select().from(channels).where(whereChannel(ref));
    return row ? toChannel(row) : null;
  };

  return {
    get,

    async ensure(ref) {
      await db
        .insert(channels)
        .values(newChannelRow(ref, DEFAULT_SETTINGS, new Date(0)))
        .onConflictDoNothing();
      const channel = await get(ref);
      if (!channel) throw new Error(`channel ${ref.platform}:${ref.channelId} vanished while being created`);
      return channel;
    },

    async updateSettings(ref, settings, now = new Date()) {
      const valid = channelSettingsSchema.parse(settings);
      const next = nextDueColumns(valid, now);
      const [row] = await db
        .update(channels)
        .set({
          settings: valid,
          updatedAt: now,
          scheduleChangedAt: unlessSame('schedule', valid.schedule, channels.scheduleChangedAt, now),
          recapChangedAt: unlessSame('recap', valid.recap, channels.recapChangedAt, now),
          // An unchanged schedule keeps its next-due time: a slot due before `now` may still be owed.
          nextDigestAt: unlessSame('schedule', valid.schedule, channels.nextDigestAt, next.nextDigestAt),
          nextRecapAt: unlessSame('recap', valid.recap, channels.nextRecapAt, next.nextRecapAt),
        })
        .where(whereChannel(ref))
        .returning();
      if (!row) throw new Error(`unknown channel ${ref.platform}:${ref.channelId}`);
      return toChannel(row);
    },

    async setActive(ref, active, reason = null) {
      await db
        .update(channels)
        .set({ active, inactiveReason: active ? null : reason, updatedAt: new Date() })
        .where(whereChannel(ref));
    },

    async list() {
      const rows = await db.select().from(channels).orderBy(asc(channels.id));
      return rows.map(toChannel);
    },
  };
}

/** The column as it is when the setting under `key` stays `value`, else the instant `changed`. */
const unlessSame = (
  key: 'schedule' | 'recap',
  value: unknown,
  column: AnyColumn,
  changed: Date | null,
): SQL =>
  sql`case when ${channels.settings} -> ${sql.raw(`'${key}'`)} = ${JSON.stringify(value)}::jsonb then ${column} else ${changed?.toISOString() ?? null}::timestamptz end`;

/** Settings written by an older version may lack newer keys: the defaults fill them in. */
export function toChannel(row: typeof channels.$inferSelect): Channel {
  const parsed = channelSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...row.settings });
  const settings: ChannelSettings = parsed.success ? parsed.data : DEFAULT_SETTINGS;
  return {
    platform: row.platform,
    workspaceId: row.workspaceId,
    channelId: row.channelId,
    settings,
    active: row.active,
    inactiveReason: row.inactiveReason,
  };
}
