import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { PaperUpdate, PaperUpdates } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { papers, paperUpdates } from '../db/schema.js';
import { channelIdOf } from './channel-store.js';
import { paperColumns } from './paper-columns.js';

/** A paper's traction since it was posted in a channel, once per reason (`paper_updates`). */
export interface NewPaperUpdate {
  channelId: number;
  paperId: string;
  /** `daily`, `min-upvotes:<n>` or `code`. */
  reason: string;
  messageId: string;
  postedAt: Date;
  news: string;
}

/** The "since you saw it" records: written when an edit is queued, read (once) by the next digest. */
export function createPaperUpdateStore(db: Database): PaperUpdates & {
  /** Records each reason once; returns how many were new. */
  record(updates: readonly NewPaperUpdate[], at: Date): Promise<number>;
} {
  return {
    async record(updates, at) {
      if (updates.length === 0) return 0;
      const rows = await db
        .insert(paperUpdates)
        .values(updates.map((update) => ({ ...update, detectedAt: at })))
        .onConflictDoNothing()
        .returning({ paperId: paperUpdates.paperId });
      return rows.length;
    },

    async unmentioned(channel, limit) {
      const rows = await db
        .select({
          paper: paperColumns,
          messageId: paperUpdates.messageId,
          postedAt: paperUpdates.postedAt,
          news: paperUpdates.news,
          reason: paperUpdates.reason,
        })
        .from(paperUpdates)
        .innerJoin(papers, eq(papers.id, paperUpdates.paperId))
        .where(and(eq(paperUpdates.channelId, channelIdOf(channel)), isNull(paperUpdates.mentionedAt)))
        .orderBy(asc(paperUpdates.detectedAt), asc(paperUpdates.paperId), sql`${paperUpdates.reason} desc`);
      // One line per paper: its latest news (the reasons of one paper share the message it links to).
      const byPaper = new Map<string, PaperUpdate>();
      for (const { reason, ...row } of rows) {
        const reasons = [...(byPaper.get(row.paper.id)?.reasons ?? []), reason];
        byPaper.set(row.paper.id, { ...row, reasons });
      }
      return [...byPaper.values()].slice(0, limit);
    },

    async markMentioned(channel, updates, at) {
      const said = updates.flatMap((update) =>
        update.reasons.map((reason) => sql`(${update.paper.id}, ${reason})`),
      );
      if (said.length === 0) return;
      await db
        .update(paperUpdates)
        .set({ mentionedAt: at })
        .where(
          and(
            eq(paperUpdates.channelId, channelIdOf(channel)),
            sql`(${paperUpdates.paperId}, ${paperUpdates.reason}) in (${sql.join(said, sql`, `)})`,
            isNull(paperUpdates.mentionedAt),
          ),
        );
    },
  };
}
