import { and, arrayContains, gte, type SQL, sql } from 'drizzle-orm';
import type { PaperSearch, SearchRequest, SearchResults } from '../core/search.js';
import type { Database } from '../db/database.js';
import { papers } from '../db/schema.js';
import { type CandidatePlan, planCandidateScan, withIndexScanOnly } from './candidate-scan.js';
import { createWindowEdges, holdsPhrase, windowedCandidates, windowSizes } from './candidate-windows.js';
import { paperColumns } from './paper-columns.js';
import { holdsPairs, phrasePairs } from './phrase-pairs.js';
import { requiredPhrases } from './required-phrases.js';
import { correctQuery } from './typo-correction.js';

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
export type ChooseScan = (db: Database, where: SQL, wanted: number) => Promise<CandidatePlan>;

/** Search over the papers in `db`, collecting each word search's candidates as the planner's estimate says. */
export function createPaperSearch(db: Database): PaperSearch {
  return createPaperSearchWithScan(db, planCandidateScan);
}

/** How a search collects its candidates; tests shrink the windows and the cap to see them at work. */
export interface SearchTuning {
  /** The windows of newest papers an index search reads first, instead of those `windowSizes` picks. */
  windows?: readonly number[];
  /** At most this many matches are ranked (`MAX_CANDIDATES`). */
  maxCandidates?: number;
}

/**
 * Search that collects its candidates as `chooseScan` decides. When no paper matches, misspelt words are
 * corrected against the stored titles' words (`typo-correction.ts`) and the search runs again, saying so.
 */
export function createPaperSearchWithScan(
  db: Database,
  chooseScan: ChooseScan,
  options: SearchTuning = {},
): PaperSearch {
  const tuning: Tuning = {
    chooseScan,
    edgeAt: createWindowEdges(db),
    windows: options.windows,
    cap: options.maxCandidates ?? MAX_CANDIDATES,
  };
  return {
    async search(request, now = new Date()) {
      const exact = await runSearch(db, request, now, tuning);
      if (exact.total > 0 || request.query.trim() === '') return exact;
      const corrected = await correctQuery(db, request.query);
      if (!corrected) return exact;
      const fuzzy = await runSearch(db, { ...request, query: corrected }, now, tuning);
      return { ...fuzzy, query: exact.query, fuzzy: true, correctedQuery: corrected };
    },
  };
}

interface Tuning {
  chooseScan: ChooseScan;
  edgeAt: (size: number) => Promise<Date | undefined>;
  windows: readonly number[] | undefined;
  cap: number;
}

async function runSearch(
  db: Database,
  request: SearchRequest,
  now: Date,
  tuning: Tuning,
): Promise<SearchResults> {
  const query = request.query.trim();
  const matches = sql`${papers.search} @@ websearch_to_tsquery('english', ${query})`;
  const filters: SQL[] = [];
  if (request.since) filters.push(gte(papers.paperDate, request.since));
  if (request.source) filters.push(arrayContains(papers.sources, [request.source]));
  const where = and(matches, ...filters) as SQL;
  const [plan, pairs] = await Promise.all([
    tuning.chooseScan(db, where, tuning.cap),
    phrasePairs(db, requiredPhrases(query)),
  ]);
  // A query with a phrase collects the papers holding its word pairs from their index, then checks the phrase in
  // each. Without pairs (a phrase of stop words around one word) it reads the papers holding all its words.
  const byPairs = pairs.length > 0;
  const scan = byPairs ? 'index' : plan.scan;

  const candidateOrder =
    request.sort === 'upvotes'
      ? sql`coalesce(${papers.upvotes}, -1) desc`
      : sql`${papers.paperDate} desc nulls last`;
  const columns = sql`${papers.id} as id, ${papers.search} as search, ${papers.upvotes} as upvotes, ${papers.paperDate} as date`;
  const ordered = sql`order by ${candidateOrder}, ${papers.id} limit ${tuning.cap}`;
  const branch = (window: SQL | undefined): SQL => {
    if (!byPairs)
      return sql`select ${columns} from ${papers} where ${window ? and(where, window) : where} ${ordered}`;
    // `offset 0` keeps the phrase out of the index scan: from the full-text index too, Postgres would read
    // every paper holding its words and, as that index cannot test positions, recompute each paper's pairs.
    const held = and(holdsPairs(pairs), ...filters, window);
    return sql`select ${columns} from (select ${papers.id}, ${papers.search}, ${papers.upvotes}, ${papers.paperDate} from ${papers} where ${held} offset 0) as ${papers} where ${matches} ${ordered}`;
  };
  const sizes =
    scan === 'index' && request.sort !== 'upvotes'
      ? (tuning.windows ??
        windowSizes(plan.expectedMatches, plan.totalPapers, tuning.cap, holdsPhrase(query)))
      : [];
  const edges = await Promise.all(sizes.map((size) => tuning.edgeAt(size)));
  const candidates = windowedCandidates(branch, edges, tuning.cap);

  // Exclusions take no part in ranking (ts_rank scores `a & !b` as zero), and a query of exclusions alone
  // still needs a score for the boosts to order by.
  const textScore = sql`greatest(ts_rank('{0.2, 0.4, 0.4, 1.0}', candidates.search, websearch_to_tsquery('english', ${withoutExclusions(query)})), 0.0001)`;
  const ageDays = sql`greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - coalesce(candidates.date, ${now.toISOString()}::timestamptz))) / 86400)`;
  const boosts = sql`(1 + 0.25 * least(1, log(1 + greatest(coalesce(candidates.upvotes, 0), 0)) / 3)) * (1 + 0.25 * power(0.5, ${ageDays} / 30))`;
  const order =
    request.sort === 'upvotes'
      ? sql`scored.upvotes desc nulls last, scored.score desc`
      : request.sort === 'date'
        ? sql`scored.date desc nulls last, scored.score desc`
        : sql`scored.score desc`;
  const scored = sql`select candidates.id, candidates.upvotes, candidates.date, (${textScore} * ${boosts})::float8 as score from (${candidates}) as candidates`;
  const ranked = (offset: number, limit: number) =>
    sql`select scored.id, scored.score, count(*) over () as total, row_number() over (order by ${order}, scored.id) as place from (${scored}) as scored order by place limit ${limit} offset ${offset}`;

  // One statement ranks the page and reads its papers.
  const page = (on: Database, offset: number, limit: number) =>
    on
      .select({
        ...paperColumns,
        score: sql<number>`ranked.score`.mapWith(Number),
        total: sql<number>`ranked.total`.mapWith(Number),
      })
      .from(sql`(${ranked(offset, limit)}) as ranked`)
      .innerJoin(papers, sql`${papers.id} = ranked.id`)
      .orderBy(sql`ranked.place`);
  const read = (offset: number, limit: number) =>
    scan === 'index' ? withIndexScanOnly(db, (tx) => page(tx, offset, limit)) : page(db, offset, limit);

  const rows = await read(request.offset ?? 0, request.limit);
  // A page past the end has no rows to carry the count.
  const total = rows[0]?.total ?? (request.offset ? ((await read(0, 1))[0]?.total ?? 0) : 0);
  return {
    query,
    total,
    totalCapped: total >= tuning.cap,
    fuzzy: false,
    hits: rows.map(({ score, total: _total, ...paper }) => ({ paper, score })),
  };
}

/** The query without its `-excluded` words and phrases. */
export function withoutExclusions(query: string): string {
  return query.replace(/(^|\s)-("[^"]*"?|\S+)/g, ' ').trim();
}
