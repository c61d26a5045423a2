import { and, asc, between, desc, eq, gte, lte, notExists, type SQL, sql } from 'drizzle-orm';
import type { DigestPapers } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { channels, deliveredPapers, papers } from '../db/schema.js';
import { channelIdOf } from './channel-store.js';
import { paperColumns } from './paper-columns.js';
import { termCondition } from './term-condition.js';

export function createDigestPapers(db: Database): DigestPapers {
  const notDeliveredTo = (ref: Parameters<DigestPapers['trending']>[0]['channel']): SQL =>
    notExists(
      db
        .select({ one: sql`1` })
        .from(deliveredPapers)
        .where(and(eq(deliveredPapers.channelId, channelIdOf(ref)), eq(deliveredPapers.paperId, papers.id))),
    );

  return {
    async latestDailyDay(onOrBefore) {
      const [row] = await db
        .select({ day: sql<string | null>`max(${papers.dailyDate})::text` })
        .from(papers)
        .where(lte(papers.dailyDate, onOrBefore));
      return row?.day ?? null;
    },

    async trending({ channel, day, minUpvotes, excluded, limit }) {
      return db
        .select(paperColumns)
        .from(papers)
        .where(
          and(
            eq(papers.dailyDate, day),
            gte(sql`coalesce(${papers.upvotes}, 0)`, minUpvotes),
            ...excluded.map((term) => sql`not ${termCondition(term)}`),
            notDeliveredTo(channel),
          ),
        )
        .orderBy(desc(sql`coalesce(${papers.upvotes}, 0)`), asc(papers.id))
        .limit(limit);
    },

    async matching({ channel, terms, includeHf, categories, from, to, firstSeenSince, limit }) {
      const positive = terms.filter((term) => term.kind !== 'exclude');
      if (positive.length === 0) return [];
      const excluded = terms.filter((term) => term.kind === 'exclude');
      const scopes: SQL[] = [];
      if (includeHf) scopes.push(sql`'hf' = any(${papers.sources})`);
      if (categories.length > 0) scopes.push(sql`${papers.categories} && ${sql.param(categories)}::text[]`);
      if (scopes.length === 0) return [];

      const firstMatch = sql.join(
        positive.map((term) => sql`when ${termCondition(term)} then ${term.text}`),
        sql` `,
      );
      const rows = await db
        .select({ paper: paperColumns, term: sql<string>`case ${firstMatch} end` })
        .from(papers)
        .where(
          and(
            sql`(${sql.join(positive.map(termCondition), sql` or `)})`,
            ...excluded.map((term) => sql`not ${termCondition(term)}`),
            sql`(${sql.join(scopes, sql` or `)})`,
            between(papers.paperDate, from, to),
            firstSeenSince ? gte(papers.firstSeenAt, firstSeenSince) : undefined,
            notDeliveredTo(channel),
          ),
        )
        .orderBy(desc(papers.paperDate), asc(papers.id))
        .limit(limit);
      return rows;
    },

    async markDelivered(channel, items, at) {
      if (items.length === 0) return;
      await db
        .insert(deliveredPapers)
        .values(
          items.map((item) => ({
            channelId: channelIdOf(channel),
            paperId: item.paperId,
            matchedTerm: item.matchedTerm,
            deliveredAt: at,
          })),
        )
        .onConflictDoNothing();
    },
  };
}

/** Serialises digest and alert transactions of one channel, so no paper reaches it twice. */
export async function lockChannel(db: Database, channelId: number): Promise<void> {
  await db.execute(sql`select 1 from ${channels} where ${channels.id} = ${channelId} for update`);
}
