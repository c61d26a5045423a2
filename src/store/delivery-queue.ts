import { and, eq, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Card } from '../core/cards/card.js';
import type { Channel, Platform } from '../core/channel.js';
import type { Database } from '../db/database.js';
import {
  channels,
  type DeliveryKind,
  type DeliveryStatus,
  deliveries,
  type EditTarget,
} from '../db/schema.js';
import { toChannel } from './channel-store.js';
import { rowsOf } from './rows.js';

export interface QueuedDelivery {
  id: number;
  channelId: number;
  channel: Channel;
  kind: DeliveryKind;
  card: Card;
  /** For an `edit`: the posted message to draw again with `card`. */
  editOf: EditTarget | null;
  idempotencyKey: string;
  /** Attempts including this one. */
  attempts: number;
  partsSent: number;
  messageIds: string[];
  /** `sending` when an earlier worker's lease ran out mid-send: that send's outcome is unknown. */
  previousStatus: DeliveryStatus;
  createdAt: Date;
}

export interface NewDelivery {
  channelId: number;
  slotId: number | null;
  kind: DeliveryKind;
  card: Card;
  editOf?: EditTarget;
  idempotencyKey: string;
}

/** The LISTEN/NOTIFY channel on which a delivery that became due names its platform. */
export const DELIVERIES_CHANNEL = 'paperboy_deliveries';

/**
 * The deliveries table as a queue: `take` leases due deliveries with `FOR UPDATE SKIP LOCKED`, so workers on
 * several replicas never take the same one; a lease that runs out (the worker died) makes it due again.
 * Every change checks the lease holder, so a worker whose lease was taken over cannot overwrite the newer state.
 * Queuing a delivery (or re-queuing one) notifies DELIVERIES_CHANNEL with its platform, when the transaction
 * commits, so idle workers on every replica wake at once.
 */
export function createDeliveryQueue(db: Database) {
  const held = (id: number, owner: string) =>
    and(eq(deliveries.id, id), eq(deliveries.leasedBy, owner), eq(deliveries.status, 'sending'));
  const notify = (deliveryId: number) =>
    db.execute(
      sql`select pg_notify(${DELIVERIES_CHANNEL}, platform) from ${deliveries} where id = ${deliveryId}`,
    );

  return {
    /** The new delivery's id; null when one with its idempotency key is already queued (or the channel is gone). */
    async enqueue(delivery: NewDelivery, now: Date): Promise<number | null> {
      const at = now.toISOString();
      // One statement queues and notifies: a fan-out queues thousands.
      const [row] = rowsOf<{ id: string | number }>(
        await db.execute(sql`
          with queued as (
            insert into ${deliveries} (channel_id, platform, slot_id, kind, card, edit_of, idempotency_key, next_attempt_at, created_at)
            select c.id, c.platform, ${delivery.slotId}::bigint, ${delivery.kind}, ${JSON.stringify(delivery.card)}::jsonb,
                   ${delivery.editOf ? JSON.stringify(delivery.editOf) : null}::jsonb, ${delivery.idempotencyKey},
                   ${at}::timestamptz, ${at}::timestamptz
            from ${channels} c where c.id = ${delivery.channelId}
            on conflict do nothing
            returning id, platform
          )
          select id, pg_notify(${DELIVERIES_CHANNEL}, platform) from queued`),
      );
      return row ? Number(row.id) : null;
    },

    async take(options: {
      owner: string;
      now: Date;
      leaseMs: number;
      limit: number;
      /** Only this platform's deliveries: each platform's workers take what they post. */
      platform: Platform;
    }): Promise<QueuedDelivery[]> {
      const now = options.now.toISOString();
      const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
      // Due deliveries and expired leases are read apart, each from its index in the order they go out, so a
      // take reads about as many rows as it leases however long the queue is (an `or` of both would read all).
      // Rows an expired lease pushes past the limit stay locked until the statement ends, and are not changed.
      const picked = rowsOf<{ id: string | number; previous_status: DeliveryStatus }>(
        await db.execute(sql`
          with due as (
            select d.id, d.status, d.next_attempt_at
            from ${deliveries} d join ${channels} c on c.id = d.channel_id and c.active
            where d.platform = ${options.platform} and d.status in ('pending', 'failed')
              and d.next_attempt_at <= ${now}::timestamptz
            order by d.next_attempt_at, d.id
            limit ${options.limit}
            for update of d skip locked
          ), expired as (
            select d.id, d.status, d.next_attempt_at
            from ${deliveries} d join ${channels} c on c.id = d.channel_id and c.active
            where d.platform = ${options.platform} and d.status = 'sending' and d.lease_until < ${now}::timestamptz
            order by d.next_attempt_at, d.id
            limit ${options.limit}
            for update of d skip locked
          ), picked as (
            select id, status as previous_status
            from (select * from due union all select * from expired) waiting
            order by next_attempt_at, id
            limit ${options.limit}
          )
          update ${deliveries} d
          set status = 'sending', lease_until = ${leaseUntil}::timestamptz, leased_by = ${options.owner},
              attempts = d.attempts + 1
          from picked where d.id = picked.id
          returning d.id, picked.previous_status`),
      );
      if (picked.length === 0) return [];
      const previous = new Map(picked.map((row) => [Number(row.id), row.previous_status]));
      const rows = await db
        .select({ delivery: deliveries, channel: channels })
        .from(deliveries)
        .innerJoin(channels, eq(channels.id, deliveries.channelId))
        .where(inArray(deliveries.id, [...previous.keys()]));
      return rows.map(({ delivery, channel }) => ({
        id: delivery.id,
        channelId: delivery.channelId,
        channel: toChannel(channel),
        kind: delivery.kind,
        card: delivery.card,
        editOf: delivery.editOf,
        idempotencyKey: delivery.idempotencyKey,
        attempts: delivery.attempts,
        partsSent: delivery.partsSent,
        messageIds: delivery.messageIds,
        previousStatus: previous.get(delivery.id) ?? 'pending',
        createdAt: delivery.createdAt,
      }));
    },

    /**
     * Written right after each platform post, before the next one; it also renews the lease, so a long paced
     * digest keeps it. False when the lease was lost to another worker: the caller must stop posting.
     */
    async recordPart(id: number, owner: string, messageId: string, leaseUntil: Date): Promise<boolean> {
      const updated = await db
        .update(deliveries)
        .set({
          partsSent: sql`${deliveries.partsSent} + 1`,
          messageIds: sql`${deliveries.messageIds} || ${JSON.stringify([messageId])}::jsonb`,
          leaseUntil,
        })
        .where(held(id, owner))
        .returning({ id: deliveries.id });
      return updated.length > 0;
    },

    /**
     * What a delivery will post, replaced before its first post (its TL;DRs filled in), so every later attempt
     * posts the same parts. False when the lease was lost.
     */
    async replaceCard(id: number, owner: string, card: Card): Promise<boolean> {
      const updated = await db
        .update(deliveries)
        .set({ card })
        .where(and(held(id, owner), eq(deliveries.partsSent, 0)))
        .returning({ id: deliveries.id });
      return updated.length > 0;
    },

    async markSent(id: number, owner: string, now: Date): Promise<boolean> {
      const updated = await db
        .update(deliveries)
        .set({ status: 'sent', sentAt: now, leaseUntil: null, lastError: null })
        .where(held(id, owner))
        .returning({ id: deliveries.id });
      return updated.length > 0;
    },

    /** Back in the queue at `nextAttemptAt`; false when the lease was lost to another worker. */
    async markRetry(
      id: number,
      owner: string,
      retry: { error: string; nextAttemptAt: Date; countAttempt: boolean },
    ): Promise<boolean> {
      const updated = await db
        .update(deliveries)
        .set({
          status: 'failed',
          lastError: retry.error,
          nextAttemptAt: retry.nextAttemptAt,
          leaseUntil: null,
          attempts: retry.countAttempt ? deliveries.attempts : sql`greatest(${deliveries.attempts} - 1, 0)`,
        })
        .where(held(id, owner))
        .returning({ id: deliveries.id });
      return updated.length > 0;
    },

    /**
     * When the next delivery of this platform comes due that `take` would not hand out now: a retry's time or
     * a lease running out. Null when none is waiting.
     */
    async nextDueAt(options: { platform: Platform }): Promise<Date | null> {
      const waiting = (status: SQL, time: SQL) => sql`
        select ${time} from ${deliveries} d join ${channels} c on c.id = d.channel_id and c.active
        where d.platform = ${options.platform} and ${status} order by ${time} limit 1`;
      // Each read walks its index from the front and stops at the first row of an active channel.
      const [row] = rowsOf<{ next: string | Date | null }>(
        await db.execute(sql`
          select least(
            (${waiting(sql`d.status in ('pending', 'failed')`, sql`d.next_attempt_at`)}),
            (${waiting(sql`d.status = 'sending'`, sql`d.lease_until`)})) as next`),
      );
      return row?.next ? new Date(row.next) : null;
    },

    async markDead(id: number, owner: string, error: string): Promise<void> {
      await db
        .update(deliveries)
        .set({ status: 'dead', lastError: error, leaseUntil: null })
        .where(held(id, owner));
    },

    /** A channel that cannot be posted to: everything still queued for it is given up with the reason. */
    async abandonChannel(channelId: number, reason: string): Promise<number> {
      const updated = await db
        .update(deliveries)
        .set({ status: 'dead', lastError: reason, leaseUntil: null })
        .where(and(eq(deliveries.channelId, channelId), inArray(deliveries.status, ['pending', 'failed'])))
        .returning({ id: deliveries.id });
      return updated.length;
    },

    /**
     * On shutdown: this worker's leases end now, so another replica can take the deliveries at once; those in
     * `except` (a post whose outcome is unknown) keep theirs.
     */
    async releaseLeases(owner: string, now: Date, options: { except?: number[] } = {}): Promise<number> {
      const except = options.except ?? [];
      const updated = await db
        .update(deliveries)
        .set({ leaseUntil: new Date(now.getTime() - 1) })
        .where(
          and(
            eq(deliveries.leasedBy, owner),
            eq(deliveries.status, 'sending'),
            except.length > 0 ? notInArray(deliveries.id, except) : undefined,
          ),
        )
        .returning({ id: deliveries.id });
      if (updated.length > 0) await db.execute(sql`select pg_notify(${DELIVERIES_CHANNEL}, '')`);
      return updated.length;
    },

    /** `paperboy retry <id>`: a dead (or failed) delivery goes back in the queue with fresh attempts. */
    async requeue(id: number, now: Date): Promise<boolean> {
      const updated = await db
        .update(deliveries)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, leasedBy: null })
        .where(and(eq(deliveries.id, id), or(eq(deliveries.status, 'dead'), eq(deliveries.status, 'failed'))))
        .returning({ id: deliveries.id });
      if (updated.length > 0) await notify(id);
      return updated.length > 0;
    },

    /** Deliveries that failed and wait for a retry, or were given up, newest first. */
    async problems(limit = 50) {
      return db
        .select({
          id: deliveries.id,
          channel: channels,
          kind: deliveries.kind,
          status: deliveries.status,
          attempts: deliveries.attempts,
          lastError: deliveries.lastError,
          nextAttemptAt: deliveries.nextAttemptAt,
          createdAt: deliveries.createdAt,
        })
        .from(deliveries)
        .innerJoin(channels, eq(channels.id, deliveries.channelId))
        .where(inArray(deliveries.status, ['failed', 'dead']))
        .orderBy(sql`${deliveries.createdAt} desc`)
        .limit(limit);
    },
  };
}

export type DeliveryQueue = ReturnType<typeof createDeliveryQueue>;
