import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { papers } from '../db/schema.js';
import { rowsOf } from './rows.js';

/**
 * An index search of a word in 3% of a million papers would fetch and check all 30,000 matches to keep the newest
 * 1,000; a quoted phrase would check the positions in every one. So when many matches are expected, the search
 * reads the matches among the newest papers first, in a window sized to hold about twice the cap (80,000 papers
 * for that word), then in windows four times larger each, and in the rest only when those fall short. Each
 * window is a pass over the index, so few expected matches are read at once. The planner's estimate of a phrase
 * (a quoted one, or a hyphenated word) is the estimate of its words, anywhere: it can be far off either way, so a
 * phrase always starts from a window.
 */
export function windowSizes(
  expectedMatches: number,
  totalPapers: number,
  cap: number,
  phrase: boolean,
): number[] {
  if (totalPapers <= 0) return [];
  const estimated =
    expectedMatches > 3 * cap ? Math.ceil((totalPapers * 2 * cap) / expectedMatches) : undefined;
  const first = phrase ? Math.min(estimated ?? PHRASE_WINDOW, PHRASE_WINDOW) : estimated;
  if (first === undefined) return [];
  const sizes: number[] = [];
  for (let size = first; size < totalPapers && sizes.length < MAX_WINDOWS; size *= 4) sizes.push(size);
  return sizes;
}

/** The first window of a phrase: where a phrase in 6% of papers, or more, fills the cap. */
const PHRASE_WINDOW = 16_000;
const MAX_WINDOWS = 3;

/** Whether the query holds a phrase: words in quotes, or a hyphenated word (which Postgres reads as one). */
export const holdsPhrase = (query: string): boolean => /"|\w-\w/.test(query);

/** How long the dates where windows end are kept: they move slowly, and a stale one only shifts the window. */
const EDGES_TTL_MS = 10 * 60_000;
const SMALLEST_WINDOW = 1000;

/**
 * The date where the window of the newest `size` papers ends, read from the date index and kept for a while.
 * Sizes past 1,000 are rounded up to 1,000 times a power of two so a few dates serve every search; `undefined` when the
 * window would hold every paper.
 */
export function createWindowEdges(db: Database) {
  const cached = new Map<number, { edge: Date | undefined; at: number }>();
  return async (size: number, now = Date.now()): Promise<Date | undefined> => {
    let rounded = Math.min(size, SMALLEST_WINDOW);
    while (rounded < size) rounded *= 2;
    const hit = cached.get(rounded);
    if (hit && now - hit.at < EDGES_TTL_MS) return hit.edge;
    const [row] = rowsOf<{ edge: unknown }>(
      await db.execute(
        sql`select ${papers.paperDate} as edge from ${papers} where ${papers.paperDate} is not null order by ${papers.paperDate} desc nulls last, ${papers.id} offset ${rounded} limit 1`,
      ),
    );
    const value = row?.edge;
    const edge =
      value === null || value === undefined
        ? undefined
        : value instanceof Date
          ? value
          : new Date(String(value));
    cached.set(rounded, { edge, at: now });
    return edge;
  };
}

/**
 * `select` of the newest `limit` papers matching: first those dated `edges[0]` or later, then those from
 * `edges[1]` up to `edges[0]`, and so on, then the older ones. Postgres runs the branches of a `union all` one
 * after the other and stops when the outer limit is met (the caller keeps parallel plans off), so older papers
 * are read only when the newer windows fall short. Edges out of order are skipped.
 */
export function windowedCandidates(
  branch: (window: SQL | undefined) => SQL,
  edges: readonly (Date | undefined)[],
  limit: number,
): SQL {
  const ordered: Date[] = [];
  for (const edge of edges) {
    const last = ordered.at(-1);
    if (edge && (!last || edge.getTime() < last.getTime())) ordered.push(edge);
  }
  if (ordered.length === 0) return branch(undefined);
  const at = (edge: Date) => sql`${edge.toISOString()}::timestamptz`;
  const windows = ordered.map((edge, index) => {
    const newer = ordered[index - 1];
    return newer
      ? sql`${papers.paperDate} < ${at(newer)} and ${papers.paperDate} >= ${at(edge)}`
      : sql`${papers.paperDate} >= ${at(edge)}`;
  });
  const oldest = ordered.at(-1) as Date;
  windows.push(sql`(${papers.paperDate} < ${at(oldest)} or ${papers.paperDate} is null)`);
  return sql`${sql.join(
    windows.map((window) => sql`(${branch(window)})`),
    sql` union all `,
  )} limit ${limit}`;
}
