import { type SQL, sql } from 'drizzle-orm';
import type { Card } from '../core/cards/card.js';
import type { Platform } from '../core/channel.js';
import type { PostedMessages } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { channelIdOf } from './channel-store.js';
import { rowsOf } from './rows.js';

/** Counts are drawn again on messages of the last 30 days; older ones keep what they show. */
const REDRAW_DAYS = 30;

const at = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

interface Row {
  platform: Platform;
  workspace_id: string;
  slack_channel: string;
  message_id: string;
  card: Card | string;
  per_paper: boolean;
}

const toMessage = (row: Row) => ({
  channel: { platform: row.platform, workspaceId: row.workspace_id, channelId: row.slack_channel },
  messageId: row.message_id,
  card: typeof row.card === 'string' ? (JSON.parse(row.card) as Card) : row.card,
  perPaper: row.per_paper,
});

/** The messages paperboy posted (`posted_messages`), for redrawing their counts and recognising reactions. */
export function createPostedMessageStore(db: Database): PostedMessages {
  return {
    async record(message, now) {
      const paperIds = JSON.stringify(message.card.items.map((item) => item.id));
      await db.execute(sql`
        insert into posted_messages (channel_id, message_id, card, paper_ids, per_paper, posted_at)
        values (${channelIdOf(message.channel)}, ${message.messageId}, ${JSON.stringify(message.card)}::jsonb,
                ${paperIds}::jsonb, ${message.perPaper}, ${at(now)})
        on conflict (channel_id, message_id) do update set
          card = excluded.card, paper_ids = excluded.paper_ids, per_paper = excluded.per_paper`);
    },

    async find(channel, messageId) {
      const [row] = rowsOf<Row>(
        await db.execute(sql`
          select c.platform, c.workspace_id, c.channel_id as slack_channel, m.message_id, m.card, m.per_paper
          from posted_messages m join channels c on c.id = m.channel_id
          where m.channel_id = ${channelIdOf(channel)} and m.message_id = ${messageId}`),
      );
      return row ? toMessage(row) : null;
    },

    async replaceCard(channel, messageId, card) {
      await db.execute(sql`
        update posted_messages set card = ${JSON.stringify(card)}::jsonb
        where channel_id = ${channelIdOf(channel)} and message_id = ${messageId}`);
    },

    async countsChanged(channel, paperId, now) {
      const recent = at(new Date(now.getTime() - REDRAW_DAYS * 86_400_000));
      // The rows are locked in one order (by message id): two votes marking the same messages at once, each
      // in the order its scan met them, could otherwise deadlock once updates have moved rows in the heap.
      await db.execute(sql`
        update posted_messages m
        set changes = m.changes + 1, counts_changed_at = coalesce(m.counts_changed_at, ${at(now)})
        from (
          select channel_id, message_id from posted_messages
          where channel_id = ${channelIdOf(channel)} and posted_at > ${recent}
            and paper_ids @> jsonb_build_array(${paperId}::text)
          order by message_id
          for update
        ) due
        where m.channel_id = due.channel_id and m.message_id = due.message_id`);
    },

    async retryRedraw(channel, messageId, now) {
      // Behind its changes again: due once the interval since the failed draw has passed.
      await db.execute(sql`
        update posted_messages
        set drawn_changes = least(drawn_changes, changes - 1), counts_changed_at = coalesce(counts_changed_at, ${at(now)})
        where channel_id = ${channelIdOf(channel)} and message_id = ${messageId}`);
    },

    async claimRedraws(now, minIntervalMs, limit) {
      const drawnBefore = at(new Date(now.getTime() - minIntervalMs));
      const rows = rowsOf<Row>(
        await db.execute(sql`
          with due as (
            select channel_id, message_id from posted_messages
            where changes > drawn_changes and (drawn_at is null or drawn_at <= ${drawnBefore})
            order by counts_changed_at
            limit ${limit}
            for update skip locked
          )
          update posted_messages m
          set drawn_at = ${at(now)}, drawn_changes = m.changes, counts_changed_at = null
          from due, channels c
          where m.channel_id = due.channel_id and m.message_id = due.message_id and c.id = m.channel_id
          returning c.platform, c.workspace_id, c.channel_id as slack_channel, m.message_id, m.card, m.per_paper`),
      );
      return rows.map(toMessage);
    },
  };
}
