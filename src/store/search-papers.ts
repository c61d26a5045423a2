import { and, arrayContains, asc, desc, gte, type SQL, sql } from 'drizzle-orm';
import type { PaperSearch, SearchRequest, SearchResults } from '../core/search.js';
import type { Database } from '../db/database.js';
import { papers } from '../db/schema.js';
import { paperColumns } from './paper-columns.js';

/**
 * Ranking: `ts_rank` over the weighted document (title A = 1.0, AI keywords B and authors C = 0.4,
 * abstract D = 0.2), times two modest boosts, each at most +25 %:
 *   upvotes: 1 + 0.25 * min(1, log10(1 + upvotes) / 3)      (full boost at 999 upvotes)
 *   recency: 1 + 0.25 * 0.5 ^ (age in days / 30)            (halves every 30 days)
 * so a strong text match is never buried under a popular but weak one.
 */
const paperDate = sql`greatest(${papers.publishedAt}, ${papers.dailyDate}::timestamptz)`;

function boosts(now: Date): SQL {
  const ageDays = sql`greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - coalesce(${paperDate}, ${now.toISOString()}::timestamptz))) / 86400)`;
  return sql`(1 + 0.25 * least(1, log(1 + greatest(coalesce(${papers.upvotes}, 0), 0)) / 3)) * (1 + 0.25 * power(0.5, ${ageDays} / 30))`;
}

export function createPaperSearch(db: Database): PaperSearch {
  return {
    async search(request, now = new Date()) {
      const exact = await runSearch(db, request, now, 'words');
      if (exact.total > 0 || request.query.trim() === '') return exact;
      return runSearch(db, request, now, 'trigrams');
    },
  };
}

async function runSearch(
  db: Database,
  request: SearchRequest,
  now: Date,
  mode: 'words' | 'trigrams',
): Promise<SearchResults> {
  const query = request.query.trim();
  // Exclusions take no part in ranking (ts_rank scores `a & !b` as zero), and a query of exclusions alone
  // still needs a score for the boosts to order by.
  const textScore =
    mode === 'words'
      ? sql`greatest(ts_rank('{0.2, 0.4, 0.4, 1.0}', ${papers.search}, websearch_to_tsquery('english', ${withoutExclusions(query)})), 0.0001)`
      : sql`word_similarity(${query.toLowerCase()}, ${papers.fuzzy})`;
  const matches =
    mode === 'words'
      ? sql`${papers.search} @@ websearch_to_tsquery('english', ${query})`
      : sql`${query.toLowerCase()} <% ${papers.fuzzy}`;
  const score = sql<number>`(${textScore} * ${boosts(now)})::float8`;

  const filters: SQL[] = [matches];
  if (request.since) filters.push(gte(paperDate, request.since.toISOString()));
  if (request.source) filters.push(arrayContains(papers.sources, [request.source]));

  const order: SQL[] =
    request.sort === 'upvotes'
      ? [sql`${papers.upvotes} desc nulls last`, desc(score)]
      : request.sort === 'date'
        ? [sql`${paperDate} desc nulls last`, desc(score)]
        : [desc(score)];

  const rows = await db
    .select({ paper: paperColumns, score, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(papers)
    .where(and(...filters))
    .orderBy(...order, asc(papers.id))
    .limit(request.limit)
    .offset(request.offset ?? 0);

  return {
    query,
    total: rows[0]?.total ?? (request.offset ? await countMatches(db, filters) : 0),
    fuzzy: mode === 'trigrams',
    hits: rows.map((row) => ({ paper: row.paper, score: Number(row.score) })),
  };
}

/** Only needed when a page past the end is asked for. */
async function countMatches(db: Database, filters: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(papers)
    .where(and(...filters));
  return row?.n ?? 0;
}

/** The query without its `-excluded` words and phrases. */
export function withoutExclusions(query: string): string {
  return query.replace(/(^|\s)-("[^"]*"?|\S+)/g, ' ').trim();
}
