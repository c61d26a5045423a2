import { and, asc, between, desc, eq, gte, notExists, type SQL, sql } from 'drizzle-orm';
import type { ChannelRef } from '../core/channel.js';
import type { RecapPapers } from '../core/recap/recap-papers.js';
import type { Database } from '../db/database.js';
import { deliveredPapers, paperFeedback, papers, sharedPapers } from '../db/schema.js';
import { channelIdOf } from './channel-store.js';
import { paperColumns } from './paper-columns.js';
import { createPaperStore } from './paper-store.js';
import { rowsOf } from './rows.js';
import { termCondition } from './term-condition.js';

const at = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/** The recap's queries over `paper_feedback`, `delivered_papers` and `papers`. */
export function createRecapPapers(db: Database): RecapPapers {
  const paperStore = createPaperStore(db);

  const none = (
    table: typeof deliveredPapers | typeof paperFeedback | typeof sharedPapers,
    channel: ChannelRef,
  ): SQL =>
    notExists(
      db
        .select({ one: sql`1` })
        .from(table)
        .where(and(eq(table.channelId, channelIdOf(channel)), eq(table.paperId, papers.id))),
    );

  return {
    async teamPicks({ channel, from, to, limit }) {
      // A like's time is when its relevance last changed; a reaction's first write leaves that unset.
      const likedAt = sql`coalesce(relevance_changed_at, updated_at)`;
      const rows = rowsOf<{
        paper_id: string;
        saves: number | string;
        likes: number | string;
        relevant: number | string;
        saved: number | string;
      }>(
        await db.execute(sql`
          select paper_id, saves, likes, relevant, saved from (
            select paper_id,
                   count(*) filter (where saved_at > ${at(from)} and saved_at <= ${at(to)}) as saves,
                   count(*) filter (where relevance = 1 and ${likedAt} > ${at(from)} and ${likedAt} <= ${at(to)})
                     as likes,
                   count(*) filter (where relevance = 1) as relevant,
                   count(*) filter (where saved_at is not null) as saved
            from paper_feedback
            where channel_id = ${channelIdOf(channel)}
            group by paper_id
          ) week
          where saves + likes > 0
          order by saves + likes desc, saves desc, paper_id
          limit ${limit}`),
      );
      const stored = new Map(
        (await paperStore.getPapers(rows.map((row) => row.paper_id))).map((paper) => [paper.id, paper]),
      );
      return rows.flatMap((row) => {
        const paper = stored.get(row.paper_id);
        if (!paper) return [];
        return [
          {
            paper,
            saves: Number(row.saves),
            likes: Number(row.likes),
            counts: { relevant: Number(row.relevant), saved: Number(row.saved) },
          },
        ];
      });
    },

    async unseenTrending({ channel, firstDay, lastDay, minUpvotes, excluded, limit }) {
      return db
        .select(paperColumns)
        .from(papers)
        .where(
          and(
            between(papers.dailyDate, firstDay, lastDay),
            gte(sql`coalesce(${papers.upvotes}, 0)`, minUpvotes),
            ...excluded.map((term) => sql`not ${termCondition(term)}`),
            none(deliveredPapers, channel),
            none(paperFeedback, channel),
            // A paper a teammate shared here is not "new here".
            none(sharedPapers, channel),
          ),
        )
        .orderBy(desc(sql`coalesce(${papers.upvotes}, 0)`), asc(papers.id))
        .limit(limit);
    },
  };
}
