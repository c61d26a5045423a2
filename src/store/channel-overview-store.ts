import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ChannelOverview, ChannelOverviews } from '../core/ports.js';
import type { SubscriptionTerm } from '../core/subscriptions/term.js';
import type { Database } from '../db/database.js';
import { channels, subscriptions } from '../db/schema.js';
import { toChannel } from './channel-store.js';
import { rowsOf } from './rows.js';

interface DeliveryRow {
  channel_id: string | number;
  last_sent_at: string | Date | null;
  last_sent_kind: 'digest' | 'alert' | 'recap' | null;
  latest_status: string | null;
  latest_error: string | null;
  latest_attempts: number | null;
  latest_next_attempt_at: string | Date | null;
}

const asDate = (value: string | Date | null): Date | null => (value === null ? null : new Date(value));

/** Channels at a glance: three queries per page (channels, their terms, their deliveries), whatever its size. */
export function createChannelOverviews(db: Database): ChannelOverviews {
  return {
    async page(workspace, options) {
      const conditions: SQL[] = [
        eq(channels.platform, workspace.platform),
        eq(channels.workspaceId, workspace.workspaceId),
      ];
      if (options.channelIds) {
        if (options.channelIds.length === 0) return { total: 0, overviews: [] };
        conditions.push(inArray(channels.channelId, [...options.channelIds]));
      }
      const where = and(...conditions);
      const [totalRow] = await db.select({ total: count() }).from(channels).where(where);
      const rows = await db
        .select()
        .from(channels)
        .where(where)
        .orderBy(asc(channels.channelId))
        .offset(options.offset)
        .limit(options.limit);
      if (rows.length === 0) return { total: Number(totalRow?.total ?? 0), overviews: [] };
      const ids = rows.map((row) => row.id);
      const termRows = await db
        .select({
          channelId: subscriptions.channelId,
          kind: subscriptions.kind,
          value: subscriptions.value,
          text: subscriptions.text,
        })
        .from(subscriptions)
        .where(inArray(subscriptions.channelId, ids))
        .orderBy(asc(subscriptions.id));
      // Per channel: its last posted digest, alert or recap, and the state of its latest one (edits aside).
      const deliveryRows = rowsOf<DeliveryRow>(
        await db.execute(sql`
          select c.id as channel_id,
                 sent.sent_at as last_sent_at, sent.kind as last_sent_kind,
                 latest.status as latest_status, latest.last_error as latest_error,
                 latest.attempts as latest_attempts, latest.next_attempt_at as latest_next_attempt_at
          from unnest(${sql.raw(`array[${ids.map(Number).join(',')}]::bigint[]`)}) as c(id)
          left join lateral (
            select d.sent_at, d.kind from deliveries d
            where d.channel_id = c.id and d.status = 'sent' and d.kind <> 'edit'
            order by d.sent_at desc limit 1
          ) sent on true
          left join lateral (
            select d.status, d.last_error, d.attempts, d.next_attempt_at from deliveries d
            where d.channel_id = c.id and d.kind <> 'edit'
            order by d.created_at desc, d.id desc limit 1
          ) latest on true`),
      );
      const termsOf = new Map<number, SubscriptionTerm[]>();
      for (const { channelId, ...term } of termRows)
        termsOf.set(channelId, [...(termsOf.get(channelId) ?? []), term]);
      const deliveriesOf = new Map(deliveryRows.map((row) => [Number(row.channel_id), row]));
      const overviews = rows.map((row): ChannelOverview => {
        const delivery = deliveriesOf.get(row.id);
        const sentAt = asDate(delivery?.last_sent_at ?? null);
        const status = delivery?.latest_status;
        return {
          channel: toChannel(row),
          terms: termsOf.get(row.id) ?? [],
          lastDelivery:
            sentAt && delivery?.last_sent_kind ? { at: sentAt, kind: delivery.last_sent_kind } : null,
          problem:
            status === 'failed' || status === 'dead'
              ? {
                  kind: status === 'failed' ? 'failing' : 'failed',
                  error: delivery?.latest_error ?? null,
                  attempts: Number(delivery?.latest_attempts ?? 0),
                  nextAttemptAt:
                    status === 'failed' ? asDate(delivery?.latest_next_attempt_at ?? null) : null,
                }
              : null,
        };
      });
      return { total: Number(totalRow?.total ?? 0), overviews };
    },
  };
}
