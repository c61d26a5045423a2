import { and, asc, between, desc, eq, gte, inArray, lte, notExists, type SQL, sql } from 'drizzle-orm';
import type { DigestPapers } from '../core/ports.js';
import { emptyWords, type PaperDocument } from '../core/relevance/paper-document.js';
import type { SubscriptionTerm } from '../core/subscriptions/term.js';
import type { Database } from '../db/database.js';
import { channels, deliveredPapers, papers, sharedPapers } from '../db/schema.js';
import { channelIdOf } from './channel-store.js';
import { documentCache } from './document-cache.js';
import { paperColumns } from './paper-columns.js';
import { createPaperStore } from './paper-store.js';
import { rowsOf } from './rows.js';
import { termCondition } from './term-condition.js';
import { parseTsvector } from './tsvector-text.js';

/** What learning reads of a paper besides its words, and when it was last stored (the words' cache key). */
const documentColumns = {
  id: papers.id,
  title: papers.title,
  upvotes: papers.upvotes,
  categories: papers.categories,
  seenAt: papers.lastSeenAt,
};

type DocumentRow = { id: string; title: string; upvotes: number | null; categories: string[]; seenAt: Date };

/**
 * The rows' documents, their words from the process's cache or, for the papers it lacks, in one query. The words
 * are kept here as they are found: builds running at the same time may push them out of the cache meanwhile.
 */
async function withWords(db: Database, rows: readonly DocumentRow[]): Promise<PaperDocument[]> {
  const found = new Map<string, PaperDocument['words']>();
  for (const row of rows) {
    const words = documentCache.get(row.id, row.seenAt);
    if (words) found.set(row.id, words);
  }
  const missing = [...new Set(rows.filter((row) => !found.has(row.id)).map((row) => row.id))];
  if (missing.length > 0) {
    const texts = await db
      .select({ id: papers.id, seenAt: papers.lastSeenAt, search: sql<string>`${papers.search}::text` })
      .from(papers)
      .where(inArray(papers.id, missing));
    for (const text of texts) {
      const words = parseTsvector(text.search);
      documentCache.set(text.id, text.seenAt, words);
      found.set(text.id, words);
    }
  }
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    upvotes: row.upvotes,
    categories: row.categories,
    words: found.get(row.id) ?? emptyWords(),
  }));
}

export function createDigestPapers(db: Database): DigestPapers {
  const notDeliveredTo = (ref: Parameters<DigestPapers['trending']>[0]['channel']): SQL =>
    notExists(
      db
        .select({ one: sql`1` })
        .from(deliveredPapers)
        .where(and(eq(deliveredPapers.channelId, channelIdOf(ref)), eq(deliveredPapers.paperId, papers.id))),
    );

  const notSharedIn = (
    ref: Parameters<DigestPapers['trending']>[0]['channel'],
    exclude = false,
  ): SQL | undefined =>
    exclude
      ? notExists(
          db
            .select({ one: sql`1` })
            .from(sharedPapers)
            .where(and(eq(sharedPapers.channelId, channelIdOf(ref)), eq(sharedPapers.paperId, papers.id))),
        )
      : undefined;

  return {
    async latestDailyDay(onOrBefore) {
      const [row] = await db
        .select({ day: sql<string | null>`max(${papers.dailyDate})::text` })
        .from(papers)
        .where(lte(papers.dailyDate, onOrBefore));
      return row?.day ?? null;
    },

    async trending({ channel, day, minUpvotes, excluded, limit, excludeShared }) {
      return db
        .select(paperColumns)
        .from(papers)
        .where(
          and(
            eq(papers.dailyDate, day),
            gte(sql`coalesce(${papers.upvotes}, 0)`, minUpvotes),
            ...excluded.map((term) => sql`not ${termCondition(term)}`),
            notDeliveredTo(channel),
            notSharedIn(channel, excludeShared),
          ),
        )
        .orderBy(desc(sql`coalesce(${papers.upvotes}, 0)`), asc(papers.id))
        .limit(limit);
    },

    async matching({
      channel,
      terms,
      includeHf,
      categories,
      from,
      to,
      firstSeenSince,
      limit,
      excludeShared,
    }) {
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
            notSharedIn(channel, excludeShared),
          ),
        )
        .orderBy(desc(papers.paperDate), asc(papers.id))
        .limit(limit);
      return rows;
    },

    async candidates({ channel, day, categories, from, to, minUpvotes, terms, limit, excludeShared }) {
      const scopes: SQL[] = [];
      if (day) scopes.push(eq(papers.dailyDate, day));
      if (categories.length > 0)
        scopes.push(
          sql`(${papers.categories} && ${sql.param(categories)}::text[] and ${between(papers.paperDate, from, to)})`,
        );
      if (scopes.length === 0) return [];
      const positive = terms.filter((term) => term.kind !== 'exclude');
      const excluded = terms.filter((term) => term.kind === 'exclude');
      const firstMatch =
        positive.length === 0
          ? sql<string | null>`null`
          : sql<string | null>`case ${sql.join(
              positive.map((term) => sql`when ${termCondition(term)} then ${term.text}`),
              sql` `,
            )} end`;
      const rows = await db
        .select({ ...documentColumns, term: firstMatch })
        .from(papers)
        .where(
          and(
            sql`(${sql.join(scopes, sql` or `)})`,
            gte(sql`coalesce(${papers.upvotes}, 0)`, minUpvotes),
            ...excluded.map((term) => sql`not ${termCondition(term)}`),
            notDeliveredTo(channel),
            notSharedIn(channel, excludeShared),
          ),
        )
        .orderBy(
          ...(day ? [desc(sql`${papers.dailyDate} is not distinct from ${day}::date`)] : []),
          desc(papers.paperDate),
          asc(papers.id),
        )
        .limit(limit);
      const documents = await withWords(db, rows);
      return rows.map((row, index) => ({
        document: documents[index] as PaperDocument,
        term: row.term ?? null,
      }));
    },

    async documents(paperIds) {
      if (paperIds.length === 0) return [];
      const rows = await db
        .select(documentColumns)
        .from(papers)
        .where(inArray(papers.id, [...paperIds]));
      return withWords(db, rows);
    },

    papers: (paperIds) => createPaperStore(db).getPapers(paperIds),

    async whereabouts(channel, paperId, terms) {
      const firstOf = (chosen: SubscriptionTerm[]) =>
        chosen.length === 0
          ? sql<string | null>`null`
          : sql<string | null>`case ${sql.join(
              chosen.map((term) => sql`when ${termCondition(term)} then ${term.text}`),
              sql` `,
            )} end`;
      const channelId = channelIdOf(channel);
      const [row] = rowsOf<WhereaboutsRow>(
        await db.execute(sql`
          select
            (select ${deliveredPapers.deliveredAt} from ${deliveredPapers}
              where ${deliveredPapers.channelId} = ${channelId} and ${deliveredPapers.paperId} = ${papers.id}) as delivered_at,
            (select ${deliveredPapers.matchedTerm} from ${deliveredPapers}
              where ${deliveredPapers.channelId} = ${channelId} and ${deliveredPapers.paperId} = ${papers.id}) as delivered_term,
            (select pm.message_id from posted_messages pm
              where pm.channel_id = ${channelId} and pm.paper_ids @> jsonb_build_array(${papers.id}::text)
              order by pm.per_paper, pm.posted_at limit 1) as delivered_in,
            (select json_build_object('status', d.status, 'next', d.next_attempt_at) from deliveries d
              where d.channel_id = ${channelId} and d.status in ('pending', 'failed', 'sending') and d.kind <> 'edit'
                and d.card -> 'items' @> jsonb_build_array(jsonb_build_object('id', ${papers.id}))
              order by d.id limit 1) as queued,
            ${firstOf(terms.filter((term) => term.kind !== 'exclude'))} as matched_term,
            ${firstOf(terms.filter((term) => term.kind === 'exclude'))} as excluded_by,
            case when ${papers.dailyDate} is null then null else (
              select count(*)::int + 1 from ${papers} other
              where other.daily_date = ${papers.dailyDate}
                and (coalesce(other.upvotes, 0) > coalesce(${papers.upvotes}, 0)
                  or (coalesce(other.upvotes, 0) = coalesce(${papers.upvotes}, 0) and other.id < ${papers.id}))
            ) end as day_rank
          from ${papers} where ${papers.id} = ${paperId}`),
      );
      if (!row) return null;
      const queued = typeof row.queued === 'string' ? JSON.parse(row.queued) : row.queued;
      return {
        delivered: row.delivered_at
          ? {
              at: new Date(row.delivered_at),
              matchedTerm: row.delivered_term ?? null,
              messageId: row.delivered_in ?? null,
            }
          : null,
        queued: queued ? { status: String(queued.status), nextAttemptAt: new Date(queued.next) } : null,
        matchedTerm: row.matched_term ?? null,
        excludedBy: row.excluded_by ?? null,
        dayRank: row.day_rank === null ? null : Number(row.day_rank),
      };
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

interface WhereaboutsRow {
  delivered_at: string | Date | null;
  delivered_term: string | null;
  delivered_in: string | null;
  queued: string | { status: string; next: string } | null;
  matched_term: string | null;
  excluded_by: string | null;
  day_rank: number | string | null;
}

/** Serialises digest and alert transactions of one channel, so no paper reaches it twice. */
export async function lockChannel(db: Database, channelId: number): Promise<void> {
  await db.execute(sql`select 1 from ${channels} where ${channels.id} = ${channelId} for update`);
}
