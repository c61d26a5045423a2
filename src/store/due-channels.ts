import { and, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Channel, ChannelSettings } from '../core/channel.js';
import type { Database } from '../db/database.js';
import { channels, digestSlots } from '../db/schema.js';
import { toChannel } from './channel-store.js';
import { rowsOf } from './rows.js';

/** What a tick is for: the daily digest (`settings.schedule`) or the weekly recap (`settings.recap`). */
export type DueKind = 'digest' | 'recap';

const KINDS = {
  digest: { setting: 'schedule', next: channels.nextDigestAt, owedFrom: 'scheduleChangedAt' },
  recap: { setting: 'recap', next: channels.nextRecapAt, owedFrom: 'recapChangedAt' },
} as const;

/** A channel whose digest or recap may be due, as the tick reads it. */
export interface DueEntry {
  id: number;
  channel: Channel;
  /** Nothing is owed for times before this (the schedule or the recap setting changed then). */
  owedFrom: Date;
  /** The setting as stored when it was read: a later advance applies only while it is still the same. */
  stored: unknown;
}

/** Where a tick leaves a channel it settled: its next-due time, computed from the setting it read. */
export interface Advance {
  id: number;
  stored: unknown;
  nextDueAt: Date | null;
}

/** Advances written per statement, as one JSON parameter. */
const ADVANCE_BATCH = 1000;

/**
 * The channels a tick must look at, found through their stored next-due time (`channels.next_digest_at`,
 * `next_recap_at`) instead of by evaluating every schedule.
 */
export function createDueChannels(db: Database) {
  const dueQuery = (kind: DueKind, now: Date, since: Date) => {
    const { setting, next } = KINDS[kind];
    return db
      .select({
        row: channels,
        // Qualified by hand: drizzle writes bare column names, and a bare `id` here would be the slot's.
        recorded: sql<
          string[]
        >`array(select s.slot from ${digestSlots} s where s.channel_id = ${channels}.id and s.due_at >= ${since.toISOString()}::timestamptz)`,
      })
      .from(channels)
      .where(
        and(
          // Literal, not a parameter, so that the planner can match the indexes' `where active`.
          sql`${channels.active}`,
          or(
            lte(next, now),
            and(
              isNull(next),
              sql`(${channels.settings} -> ${sql.raw(`'${setting}'`)} ->> 'enabled') = 'true'`,
            ),
          ),
        ) as SQL,
      );
  };

  return {
    /**
     * Active channels due at `now` (next-due time reached, or not computed yet while the setting is on), with
     * `channelId|slot` of their slots claimed or recorded since `since`: one query over the partial indexes.
     */
    async load(
      kind: DueKind,
      now: Date,
      since: Date,
    ): Promise<{ entries: DueEntry[]; recorded: Set<string> }> {
      const { setting, owedFrom } = KINDS[kind];
      const rows = await dueQuery(kind, now, since);
      const recorded = new Set<string>();
      const entries = rows.map(({ row, recorded: slots }) => {
        for (const slot of slots) recorded.add(`${row.id}|${slot}`);
        return {
          id: row.id,
          channel: toChannel(row),
          owedFrom: row[owedFrom],
          stored: (row.settings as Partial<ChannelSettings>)[setting] ?? null,
        };
      });
      return { entries, recorded };
    },

    /** The plan of `load`'s query (`EXPLAIN ANALYZE`), one line per element: to check that it uses the indexes. */
    async explain(kind: DueKind, now: Date, since: Date): Promise<string[]> {
      const result = await db.execute(sql`explain (analyze, costs off) ${dueQuery(kind, now, since)}`);
      return rowsOf<{ 'QUERY PLAN': string }>(result).map((row) => row['QUERY PLAN']);
    },

    /**
     * Stores the next-due times of channels a tick settled, each only while its setting is still the one the
     * tick read: a schedule changed meanwhile has stored its own next-due time, which must stay.
     */
    async advance(kind: DueKind, advances: readonly Advance[]): Promise<void> {
      const { setting, next } = KINDS[kind];
      for (let start = 0; start < advances.length; start += ADVANCE_BATCH) {
        const batch = advances.slice(start, start + ADVANCE_BATCH).map((advance) => ({
          id: advance.id,
          stored: advance.stored,
          next: advance.nextDueAt?.toISOString() ?? null,
        }));
        await db.execute(
          sql`update ${channels} set ${sql.identifier(next.name)} = v.next from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(id bigint, stored jsonb, next timestamptz) where ${channels.id} = v.id and ${channels.settings} -> ${sql.raw(`'${setting}'`)} is not distinct from v.stored`,
        );
      }
    },
  };
}

export type DueChannels = ReturnType<typeof createDueChannels>;
