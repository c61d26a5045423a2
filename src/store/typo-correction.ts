import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rowsOf } from './rows.js';

/** A word the fallback may correct: letters and digits only, as `search_words` holds them. */
const CORRECTABLE = /^[\p{L}\p{N}]{4,40}$/u;

/** Words read from the trigram index, nearest first, before the closest common one is picked. */
const NEAREST = 10;
/** pg_trgm's default similarity threshold. */
const MIN_LIKENESS = 0.3;
/**
 * How much a word's commonness counts against its likeness: titles hold misspellings too, and "resoultion" (once)
 * must lose to "solution" (thousands of times) for "soultion".
 */
const COMMONNESS = 0.1;

/**
 * The query with each misspelt word replaced by the closest common word of a stored title or AI keyword
 * (trigram likeness, plus a little for how often the word occurs), or `undefined` when no word changes. `OR`, `-exclusions`,
 * quoted phrases and hyphenated words stay as typed. Matching a word against the vocabulary costs the same
 * whatever the number of papers, where matching it against every title grew with them (seconds at a million).
 *
 * @example
 * await correctQuery(db, 'trasnformer OR lora'); // 'transformer OR lora'
 */
export async function correctQuery(db: Database, query: string): Promise<string | undefined> {
  const tokens = query.trim().split(/\s+/);
  let quoted = false;
  const correctable = tokens.map((token) => {
    const inPhrase = quoted || token.startsWith('"');
    if ((token.match(/"/g)?.length ?? 0) % 2 === 1) quoted = !quoted;
    // `OR` is too short to be corrected.
    return !inPhrase && CORRECTABLE.test(token);
  });
  const terms = [...new Set(tokens.filter((_, at) => correctable[at]).map((token) => token.toLowerCase()))];
  if (terms.length === 0) return undefined;
  const rows = rowsOf<{ term: string; best: string | null }>(
    await db.execute(sql`
      select term, (
        select word from (
          select word, occurrences, similarity(word, term) as likeness
          from search_words order by word <-> term limit ${NEAREST}
        ) as near
        where likeness >= ${MIN_LIKENESS}
        order by likeness + ${COMMONNESS} * log(occurrences) desc, word limit 1
      ) as best
      from unnest(${`{${terms.map((term) => `"${term}"`).join(',')}}`}::text[]) as term`),
  );
  const best = new Map(rows.map((row) => [row.term, row.best]));
  let changed = false;
  const corrected = tokens.map((token, at) => {
    if (!correctable[at]) return token;
    const replacement = best.get(token.toLowerCase());
    if (!replacement || replacement === token.toLowerCase()) return token;
    changed = true;
    return replacement;
  });
  return changed ? corrected.join(' ') : undefined;
}
