import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Card } from '../core/cards/card.js';
import { type Channel, channelKey } from '../core/channel.js';
import { redrawnItem, tractionNews, tractionReasons } from '../core/digest/traction.js';
import type { Logger } from '../core/logger.js';
import type { Paper } from '../core/paper.js';
import type { Database } from '../db/database.js';
import { channels } from '../db/schema.js';
import { toChannel } from '../store/channel-store.js';
import { createDeliveryQueue } from '../store/delivery-queue.js';
import { createPaperStore } from '../store/paper-store.js';
import { createPaperUpdateStore, type NewPaperUpdate } from '../store/paper-update-store.js';
import { rowsOf } from '../store/rows.js';

/** Messages of the last 30 days are edited in place; older ones keep what they show. */
const EDIT_DAYS = 30;

interface PostedRow {
  channel_row: string | number;
  message_id: string;
  card: Card | string;
  per_paper: boolean;
  posted_at: string | Date;
  paper_id: string;
  /** Sent to the channel in a digest or an alert (not only shown in a link card or a command's answer). */
  delivered: boolean;
}

/** One posted message whose papers gained traction, and the card it should show now. */
interface Edit {
  channel: Channel;
  channelId: number;
  messageId: string;
  perPaper: boolean;
  postedAt: Date;
  card: Card;
  /** Per paper, why it is edited. */
  reasons: Map<string, string[]>;
  /** The papers of `reasons` the channel was delivered: only they get a "since you saw it" line. */
  delivered: Set<string>;
}

/**
 * After an ingest: the papers it stored again that paperboy posted in a channel within the last 30 days and that
 * have gained traction since (entered the Daily Papers, crossed the channel's `min-upvotes`, got code) are not
 * posted again: each message showing them is queued for an edit in place (the delivery queue paces and posts it,
 * exactly once: the key names the message and the reasons), and the change is recorded once per paper and
 * reason for the next digest's "since you saw it" line. Returns how many edits were queued.
 */
export async function queueTractionEdits(options: {
  db: Database;
  /** Papers stored since this instant (the ingest's start) are looked at. */
  since: Date;
  now: Date;
  logger: Logger;
}): Promise<number> {
  const { db, now } = options;
  const recent = new Date(now.getTime() - EDIT_DAYS * 86_400_000).toISOString();
  const rows = rowsOf<PostedRow>(
    await db.execute(sql`
      select m.channel_id as channel_row, m.message_id, m.card, m.per_paper, m.posted_at, p.id as paper_id,
        exists (select 1 from delivered_papers d where d.channel_id = m.channel_id and d.paper_id = p.id) as delivered
      from papers p
      join posted_messages m on m.paper_ids @> jsonb_build_array(p.id)
      join channels c on c.id = m.channel_id and c.active
      where p.last_seen_at >= ${options.since.toISOString()}::timestamptz and m.posted_at > ${recent}::timestamptz`),
  );
  if (rows.length === 0) return 0;

  const papers = new Map(
    (await createPaperStore(db).getPapers([...new Set(rows.map((row) => row.paper_id))])).map((paper) => [
      paper.id,
      paper,
    ]),
  );
  const channelsById = await loadChannels(db, [...new Set(rows.map((row) => Number(row.channel_row)))]);
  const edits = findEdits(rows, papers, channelsById);

  const queue = createDeliveryQueue(db);
  let queued = 0;
  for (const edit of edits) {
    const id = await queue.enqueue(
      {
        channelId: edit.channelId,
        slotId: null,
        kind: 'edit',
        card: edit.card,
        editOf: { messageId: edit.messageId, perPaper: edit.perPaper },
        idempotencyKey: editKey(edit),
      },
      now,
    );
    if (id !== null) queued += 1;
  }
  const recorded = await createPaperUpdateStore(db).record(updatesOf(edits, papers), now);
  if (queued + recorded > 0)
    options.logger.info('posted papers gained traction; their messages will be edited in place', {
      edits: queued,
      updates: recorded,
    });
  return queued;
}

async function loadChannels(db: Database, ids: number[]): Promise<Map<number, Channel>> {
  const rows = await db
    .select()
    .from(channels)
    .where(sql`${channels.id} = any(${sql.param(ids)}::bigint[])`);
  return new Map(rows.map((row) => [row.id, toChannel(row)]));
}

function findEdits(
  rows: readonly PostedRow[],
  papers: ReadonlyMap<string, Paper>,
  channelsById: ReadonlyMap<number, Channel>,
): Edit[] {
  const edits = new Map<string, Edit>();
  for (const row of rows) {
    const channelId = Number(row.channel_row);
    const channel = channelsById.get(channelId);
    const paper = papers.get(row.paper_id);
    if (!channel || !paper) continue;
    const key = `${channelId}:${row.message_id}`;
    const card = typeof row.card === 'string' ? (JSON.parse(row.card) as Card) : row.card;
    const edit = edits.get(key) ?? {
      channel,
      channelId,
      messageId: row.message_id,
      perPaper: row.per_paper,
      postedAt: new Date(row.posted_at),
      card,
      reasons: new Map<string, string[]>(),
      delivered: new Set<string>(),
    };
    const shown = edit.card.items.find((item) => item.id === paper.id);
    const reasons = shown ? tractionReasons(shown, paper, channel.settings.minUpvotes) : [];
    if (reasons.length === 0) continue;
    edit.reasons.set(paper.id, reasons);
    if (row.delivered) edit.delivered.add(paper.id);
    edit.card = {
      ...edit.card,
      items: edit.card.items.map((item) => (item.id === paper.id ? redrawnItem(item, paper) : item)),
    };
    edits.set(key, edit);
  }
  return [...edits.values()];
}

/** The same message with the same reasons gives the same key, however many ingests see it before it is edited. */
function editKey(edit: Edit): string {
  const reasons = [...edit.reasons.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([paperId, why]) => `${paperId}=${why.join('+')}`)
    .join(',');
  const digest = createHash('sha256').update(reasons).digest('hex').slice(0, 24);
  return `edit:${channelKey(edit.channel)}:${edit.messageId}:${digest}`;
}

/**
 * One update per channel, paper and reason, for the papers delivered there, linking to the message the paper was
 * posted in (not a thread reply).
 */
function updatesOf(edits: readonly Edit[], papers: ReadonlyMap<string, Paper>): NewPaperUpdate[] {
  const updates = new Map<string, NewPaperUpdate>();
  const ordered = [...edits].sort((a, b) => Number(a.perPaper) - Number(b.perPaper));
  for (const edit of ordered) {
    for (const [paperId, reasons] of edit.reasons) {
      const paper = papers.get(paperId);
      // A paper only shown in a link card was not "seen" as paperboy's post: its card is edited, no line follows.
      if (!paper || !edit.delivered.has(paperId)) continue;
      for (const reason of reasons) {
        const key = `${edit.channelId}:${paperId}:${reason}`;
        if (updates.has(key)) continue;
        updates.set(key, {
          channelId: edit.channelId,
          paperId,
          reason,
          messageId: edit.messageId,
          postedAt: edit.postedAt,
          news: tractionNews(paper),
        });
      }
    }
  }
  return [...updates.values()];
}
