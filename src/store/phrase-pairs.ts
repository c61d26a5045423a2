import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { papers } from '../db/schema.js';
import { rowsOf } from './rows.js';

/**
 * The adjacent word pairs of `phrases`, stemmed as the papers' documents are (`paperboy_word_pairs`, migration 0016).
 * A phrase of stop words around one word ("state of the art") has none.
 */
export async function phrasePairs(db: Database, phrases: readonly string[]): Promise<string[]> {
  if (phrases.length === 0) return [];
  const [row] = rowsOf<{ pairs: string[] | null }>(
    await db.execute(
      sql`select array(select distinct pair from unnest(${sql.param(phrases)}::text[]) as phrase, unnest(paperboy_word_pairs(to_tsvector('english', phrase))) as pair order by pair) as pairs`,
    ),
  );
  return row?.pairs ?? [];
}

/** Papers holding every one of `pairs`, from the index of word pairs; `pairs` must not be empty (it would match all). */
export function holdsPairs(pairs: readonly string[]): SQL {
  return sql`paperboy_word_pairs(${papers.search}) @> ${sql.param(pairs)}::text[]`;
}
