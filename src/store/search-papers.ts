import { and, arrayContains, asc, desc, gte, type SQL, sql } from 'drizzle-orm';
import type { PaperSearch, SearchRequest, SearchResults } from '../core/search.js';
import type { Database } from '../db/database.js';
import { papers } from '../db/schema.js';
import { type CandidateScan, planCandidateScan, withIndexScanOnly } from './candidate-scan.js';

/**
 * Ranking: `ts_rank` over the weighted document (title A = 1.0, AI keywords B and authors C = 0.4,
 * abstract D = 0.2), times two modest boosts, each at most +25 %:
 *   upvotes: 1 + 0.25 * min(1, log10(1 + upvotes) / 3)      (full boost at 999 upvotes)
 *   recency: 1 + 0.25 * 0.5 ^ (age in days / 30)            (halves every 30 days)
 * so a strong text match is never buried under a popular but weak one.
 *
 * Ranking reads each match's whole document, so it is bounded: search ranks at most `MAX_CANDIDATES`
 * matches, taken in the order of the requested sort (newest first for relevance). A word in most papers
 * ("model") thus ranks its newest 1,000 matches, and `total` stops counting there (`totalCapped`).
 */
export const MAX_CANDIDATES = 1000;

/** How a word search collects its candidates; `planCandidateScan` decides from the planner's estimate. */
export type ChooseScan = (db: Database, where: SQL, wanted: number) => Promise<CandidateScan>;

/** Search over the papers in `db`, collecting each word search's candidates as the planner's estimate says. */
export function createPaperSearch(db: Database): PaperSearch {
  return createPaperSearchWithScan(db, planCandidateScan);
}

/** Search whose word searches collect their candidates as `chooseScan` decides; fuzzy searches always walk. */
export function createPaperSearchWithScan(db: Database, chooseScan: ChooseScan): PaperSearch {
  return {
    async search(request, now = new Date()) {
      const exact = await runSearch(db, request, now, 'words', chooseScan);
      if (exact.total > 0 || request.query.trim() === '') return exact;
      return runSearch(db, request, now, 'trigrams', chooseScan);
    },
  };
}

async function runSearch(
  db: Database,
  request: SearchRequest,
  now: Date,
  mode: 'words' | 'trigrams',
  chooseScan: ChooseScan,
): Promise<SearchResults> {
  const query = request.query.trim();
  const matches =
    mode === 'words'
      ? sql`${papers.search} @@ websearch_to_tsquery('english', ${query})`
      : sql`${query.toLowerCase()} <% ${papers.fuzzy}`;
  const filters: SQL[] = [matches];
  if (request.since) filters.push(gte(papers.paperDate, request.since));
  if (request.source) filters.push(arrayContains(papers.sources, [request.source]));
  const where = and(...filters) as SQL;
  const scan = mode === 'words' ? await chooseScan(db, where, MAX_CANDIDATES) : 'walk';

  const candidateOrder =
    request.sort === 'upvotes'
      ? sql`coalesce(${papers.upvotes}, -1) desc`
      : sql`${papers.paperDate} desc nulls last`;
  const candidates = db
    .select({
      id: papers.id,
      search: papers.search,
      fuzzy: papers.fuzzy,
      upvotes: papers.upvotes,
      date: papers.paperDate,
    })
    .from(papers)
    .where(where)
    .orderBy(candidateOrder, asc(papers.id))
    .limit(MAX_CANDIDATES)
    .as('candidates');

  // Exclusions take no part in ranking (ts_rank scores `a & !b` as zero), and a query of exclusions alone
  // still needs a score for the boosts to order by.
  const textScore =
    mode === 'words'
      ? sql`greatest(ts_rank('{0.2, 0.4, 0.4, 1.0}', ${candidates.search}, websearch_to_tsquery('english', ${withoutExclusions(query)})), 0.0001)`
      : sql`word_similarity(${query.toLowerCase()}, ${candidates.fuzzy})`;
  const ageDays = sql`greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - coalesce(${candidates.date}, ${now.toISOString()}::timestamptz))) / 86400)`;
  const boosts = sql`(1 + 0.25 * least(1, log(1 + greatest(coalesce(${candidates.upvotes}, 0), 0)) / 3)) * (1 + 0.25 * power(0.5, ${ageDays} / 30))`;
  const score = sql<number>`(${textScore} * ${boosts})::float8`;
  const order: SQL[] =
    request.sort === 'upvotes'
      ? [sql`${candidates.upvotes} desc nulls last`, desc(score)]
      : request.sort === 'date'
        ? [sql`${candidates.date} desc nulls last`, desc(score)]
        : [desc(score)];

  const rankOn = (on: Database, offset: number, limit: number) =>
    on
      .select({ id: candidates.id, score, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(candidates)
      .orderBy(...order, asc(candidates.id))
      .limit(limit)
      .offset(offset);

  const rank = (offset: number, limit: number) =>
    scan === 'index' ? withIndexScanOnly(db, (tx) => rankOn(tx, offset, limit)) : rankOn(db, offset, limit);

  const ranked = await rank(request.offset ?? 0, request.limit);
  // A page past the end has no rows to carry the count.
  const total = ranked[0]?.total ?? (request.offset ? ((await rank(0, 1))[0]?.total ?? 0) : 0);
  const found = await db.query.papers.findMany({
    where: (table, { inArray }) =>
      inArray(
        table.id,
        ranked.map((row) => row.id),
      ),
    columns: { search: false, fuzzy: false, paperDate: false },
  });
  const byId = new Map(found.map((paper) => [paper.id, paper]));
  return {
    query,
    total,
    totalCapped: total >= MAX_CANDIDATES,
    fuzzy: mode === 'trigrams',
    hits: ranked.flatMap((row) => {
      const paper = byId.get(row.id);
      return paper ? [{ paper, score: Number(row.score) }] : [];
    }),
  };
}

/** The query without its `-excluded` words and phrases. */
export function withoutExclusions(query: string): string {
  return query.replace(/(^|\s)-("[^"]*"?|\S+)/g, ' ').trim();
}
