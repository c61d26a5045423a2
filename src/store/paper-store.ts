import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Paper, PaperInput } from '../core/paper.js';
import type { PaperCatalog } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { papers } from '../db/schema.js';
import { type MergedInput, mergeInputs } from './merge-inputs.js';
import { paperColumns } from './paper-columns.js';

/** Rows per INSERT statement (one JSON parameter each). */
const ROWS_PER_STATEMENT = 1000;

export interface PaperStore extends PaperCatalog {
  /**
   * Inserts or merges papers in one transaction: newer data updates fields, absent fields keep what was
   * stored, `sources` accumulates, `first_seen_at` never moves. Returns how many distinct papers were written.
   */
  upsertPapers(inputs: readonly PaperInput[], now?: Date): Promise<number>;
  getPapers(ids: readonly string[]): Promise<Paper[]>;
  countPapers(): Promise<number>;
  /**
   * Refreshes the planner's statistics after a large import. Postgres does this on its own (autovacuum);
   * the embedded database does not, and without them it picks slow plans for common search words.
   */
  refreshStatistics(): Promise<void>;
}

export function createPaperStore(db: Database): PaperStore {
  return {
    async upsertPapers(inputs, now = new Date()) {
      // In id order, so that concurrent imports lock shared rows in the same order and cannot deadlock.
      const merged = mergeInputs(inputs).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (merged.length === 0) return 0;
      await db.transaction(async (tx) => {
        for (let start = 0; start < merged.length; start += ROWS_PER_STATEMENT) {
          const rows = merged.slice(start, start + ROWS_PER_STATEMENT).map((input) => toRow(input, now));
          await tx.execute(upsertStatement(rows));
        }
      });
      return merged.length;
    },

    async getPaper(id) {
      const [row] = await db.select(paperColumns).from(papers).where(eq(papers.id, id));
      return row ?? null;
    },

    async getPapers(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .select(paperColumns)
        .from(papers)
        .where(inArray(papers.id, [...ids]));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async topOfDays(firstDay, lastDay, limit) {
      return db
        .select(paperColumns)
        .from(papers)
        .where(and(gte(papers.dailyDate, firstDay), lte(papers.dailyDate, lastDay)))
        .orderBy(desc(sql`coalesce(${papers.upvotes}, 0)`), asc(papers.id))
        .limit(limit);
    },

    async refreshStatistics() {
      await db.execute(sql`analyze papers`);
    },

    async countPapers() {
      const [row] = await db.select({ n: count() }).from(papers);
      return row?.n ?? 0;
    },
  };
}

/** The columns an insert writes (the generated search columns are computed by Postgres). */
const writtenColumns = Object.entries(getTableColumns(papers))
  .filter(([, column]) => !column.generated)
  .map(([key, column]) => ({ key, name: column.name }));
const columnList = sql.raw(writtenColumns.map(({ name }) => `"${name}"`).join(', '));

/**
 * One `INSERT ... ON CONFLICT` for many papers, the rows sent as a single JSON parameter and unpacked by
 * `jsonb_populate_recordset` into the table's own column types: building and binding 25 parameters per paper
 * cost more than the insert itself.
 */
/**
 * Postgres text cannot hold U+0000, and one in any field would fail the whole page: a source's stray NUL is dropped
 * (in every string, nested ones too).
 */
const withoutNul = (_key: string, value: unknown) =>
  typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;

function upsertStatement(rows: (typeof papers.$inferInsert)[]): SQL {
  const json = JSON.stringify(
    rows.map((row) => {
      const named: Record<string, unknown> = {};
      for (const { key, name } of writtenColumns) named[name] = row[key as keyof typeof row] ?? null;
      return named;
    }),
    withoutNul,
  );
  const updates = sql.join(
    Object.entries(mergeOnConflict).map(
      ([key, value]) => sql`${sql.identifier(papers[key as keyof typeof mergeOnConflict].name)} = ${value}`,
    ),
    sql`, `,
  );
  return sql`insert into ${papers} (${columnList})
    select ${columnList} from jsonb_populate_recordset(null::${papers}, ${json}::jsonb)
    on conflict ("id") do update set ${updates}`;
}

function toRow(input: MergedInput, now: Date): typeof papers.$inferInsert {
  return {
    id: input.id,
    version: input.version ?? null,
    title: input.title,
    abstract: input.abstract ?? '',
    authors: input.authors ?? [],
    publishedAt: input.publishedAt ?? null,
    updatedAt: input.updatedAt ?? null,
    categories: input.categories ?? [],
    primaryCategory: input.primaryCategory ?? null,
    comment: input.comment ?? null,
    links: input.links ?? {},
    upvotes: input.upvotes ?? null,
    numComments: input.numComments ?? null,
    dailyDate: input.dailyDate ?? null,
    aiSummary: input.aiSummary ?? null,
    aiKeywords: input.aiKeywords && input.aiKeywords.length > 0 ? input.aiKeywords : null,
    githubRepo: input.githubRepo ?? null,
    githubStars: input.githubStars ?? null,
    projectPage: input.projectPage ?? null,
    organization: input.organization ?? null,
    thumbnail: input.thumbnail ?? null,
    firstSeenAt: now,
    lastSeenAt: now,
    sources: input.sources,
  };
}

const keepUnlessNew = (column: string): SQL =>
  sql.raw(`coalesce(excluded."${column}", "papers"."${column}")`);
const keepUnlessNonEmptyText = (column: string): SQL =>
  sql.raw(`coalesce(nullif(btrim(excluded."${column}"), ''), "papers"."${column}")`);

/** The merge rules of `upsertPapers`, column by column. */
const mergeOnConflict = {
  version: sql.raw('greatest(excluded."version", "papers"."version")'),
  title: keepUnlessNonEmptyText('title'),
  abstract: keepUnlessNonEmptyText('abstract'),
  authors: sql.raw(
    `case when jsonb_array_length(excluded."authors") = 0 then "papers"."authors" else excluded."authors" end`,
  ),
  publishedAt: keepUnlessNew('published_at'),
  updatedAt: keepUnlessNew('updated_at'),
  categories: sql.raw(
    `case when cardinality(excluded."categories") = 0 then "papers"."categories" else excluded."categories" end`,
  ),
  primaryCategory: keepUnlessNew('primary_category'),
  comment: keepUnlessNew('comment'),
  links: sql.raw(`"papers"."links" || excluded."links"`),
  upvotes: keepUnlessNew('upvotes'),
  numComments: keepUnlessNew('num_comments'),
  dailyDate: keepUnlessNew('daily_date'),
  aiSummary: keepUnlessNonEmptyText('ai_summary'),
  aiKeywords: keepUnlessNew('ai_keywords'),
  githubRepo: keepUnlessNew('github_repo'),
  githubStars: keepUnlessNew('github_stars'),
  projectPage: keepUnlessNew('project_page'),
  organization: keepUnlessNew('organization'),
  thumbnail: keepUnlessNew('thumbnail'),
  lastSeenAt: sql.raw('excluded."last_seen_at"'),
  sources: sql.raw(
    `array(select distinct s from unnest("papers"."sources" || excluded."sources") as s order by s)`,
  ),
};
