import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { holdsPairs, phrasePairs } from '../../src/store/phrase-pairs.js';
import { requiredPhrases } from '../../src/store/required-phrases.js';
import { rowsOf } from '../../src/store/rows.js';
import { createPaperSearch } from '../../src/store/search-papers.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { describeEachDatabase, openTestDatabase } from '../helpers/test-database.js';

/** The ids of the papers matching `query`, narrowed by `pairs` unless there are none. */
const matching = async (
  handle: DatabaseHandle,
  query: string,
  pairs: readonly string[],
): Promise<string[]> => {
  const pairCondition = pairs.length > 0 ? sql` and ${holdsPairs(pairs)}` : sql``;
  return rowsOf<{ id: string }>(
    await handle.db.execute(
      sql`select id from papers where search @@ websearch_to_tsquery('english', ${query})${pairCondition} order by id`,
    ),
  ).map((row) => row.id);
};

describeEachDatabase('word pairs of the search document', (driver) => {
  let handle: DatabaseHandle;
  let texts: string[];

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    const corpus = fixtureCorpus();
    await createPaperStore(handle.db).upsertPapers(corpus, new Date('2026-07-13T12:00:00Z'));
    texts = corpus.flatMap((paper) => [paper.title, paper.abstract ?? '']);
  });
  afterAll(async () => handle?.close());

  it('pairs each word with the next, across hyphens and stop words as phrases do', async () => {
    const [row] = rowsOf<{ pairs: string[] }>(
      await handle.db.execute(
        sql`select paperboy_word_pairs(to_tsvector('english', 'We tune GPT-4o for the state of the art')) as pairs`,
      ),
    );
    expect([...(row?.pairs ?? [])].sort()).toEqual(['gpt 4o', 'gpt-4o gpt', 'tune gpt-4o'].sort());
    expect(await phrasePairs(handle.db, ['state of the art'])).toEqual([]);
    expect(await phrasePairs(handle.db, ['sparse attention', 'Sparse attention'])).toEqual(['spars attent']);
  });

  it('never drops a paper that holds the phrase: every phrase of the corpus finds the same papers with its pairs', async () => {
    // Phrases cut from the papers' own text: two to four words, hyphenated words, with stop words and
    // punctuation inside, plus queries mixing them with words, exclusions and OR.
    const phrases = new Set<string>();
    for (const text of texts) {
      const words = text.split(/\s+/).filter(Boolean);
      for (let at = 0; at + 1 < words.length; at += 7) {
        phrases.add(words.slice(at, at + 2 + (at % 3)).join(' '));
        const hyphenated = words[at]?.match(/\w+(-\w+)+/)?.[0];
        if (hyphenated) phrases.add(hyphenated);
      }
    }
    const queries = [...phrases].flatMap((phrase) => {
      const quoted = `"${phrase.replaceAll('"', '')}"`;
      return [quoted, `${quoted} model`, `${quoted} -survey`, `-${quoted} model`, `${quoted} OR diffusion`];
    });
    expect(queries.length).toBeGreaterThan(300);
    let narrowedSome = 0;
    for (const query of queries) {
      const pairs = await phrasePairs(handle.db, requiredPhrases(query));
      expect(await matching(handle, query, pairs), query).toEqual(await matching(handle, query, []));
      if (pairs.length > 0) narrowedSome += 1;
    }
    // The check means something only if many queries were narrowed by pairs: of each phrase's five queries three
    // can be, when the phrase has two words side by side that are not stop words.
    expect(narrowedSome).toBeGreaterThan(queries.length / 4);
  });

  it('keeps the date and source filters and the sort of a search narrowed by pairs', async () => {
    // `OR` with a word no paper holds finds the same papers without narrowing by pairs.
    const search = createPaperSearch(handle.db);
    const now = new Date('2026-07-14T00:00:00Z');
    const requests = [
      { sort: 'relevance' as const },
      { sort: 'date' as const, since: new Date('2026-06-01T00:00:00Z'), source: 'arxiv' as const },
      { sort: 'upvotes' as const },
    ];
    for (const phrase of ['"language models"', 'vision-language']) {
      for (const request of requests) {
        const narrowed = await search.search({ query: phrase, limit: 25, ...request }, now);
        const plain = await search.search({ query: `${phrase} OR zzqxv`, limit: 25, ...request }, now);
        expect(narrowed.total, `${phrase} ${request.sort}`).toBeGreaterThan(0);
        expect(narrowed.total).toBe(plain.total);
        const ids = (results: typeof plain) => results.hits.map((hit) => hit.paper.id);
        // Their scores may differ, so papers of the same date or upvotes may come in another order.
        expect(new Set(ids(narrowed))).toEqual(new Set(ids(plain)));
      }
    }
  });

  it('answers a phrase from the index of pairs', async () => {
    const pairs = await phrasePairs(handle.db, ['sparse attention']);
    const plan = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<{ 'QUERY PLAN': string }>(
        await tx.execute(sql`explain select id from papers where ${holdsPairs(pairs)}`),
      ).map((row) => row['QUERY PLAN']);
    });
    expect(plan.join('\n')).toContain('papers_word_pairs_idx');
  });
});
