import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/paper.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createPaperStore, type PaperStore } from '../../src/store/paper-store.js';
import { rowsOf } from '../../src/store/rows.js';
import { createPaperSearch } from '../../src/store/search-papers.js';
import { describeEachDatabase, openTestDatabase, resetTables } from '../helpers/test-database.js';

// What JSON, COPY and array literals each treat specially: quotes, backslashes (also before `N` and `u0000`,
// as text), control characters, U+2028, characters outside the BMP, and array-literal syntax.
const awkward =
  `It's "quoted" \\ back\\slash \\N \\u0000 tab\tnew\nline\r\nend ` +
  `😀 🧬 e\u0301 中文 עברית \u2028 \u200d {a,b} NULL ,;`;

const paper: PaperInput = {
  id: '2606.00467',
  title: awkward,
  abstract: `${awkward} ${awkward}`,
  authors: [awkward, `O'Brien "Jr." \\`],
  categories: ['a"b', 'c,d', 'e\\f', '{g}', 'NULL', ' spaced '],
  comment: awkward,
  links: { abs: `https://arxiv.org/abs/2606.00467?q="${awkward}"` },
  aiSummary: awkward,
  aiKeywords: [awkward, 'tab\there'],
  organization: awkward,
  source: 'hf',
};

describeEachDatabase('paper store text', (driver) => {
  let handle: DatabaseHandle;
  let store: PaperStore;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    store = createPaperStore(handle.db);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => resetTables(handle));

  it('stores quotes, backslashes, control characters, emoji and array syntax as they were sent', async () => {
    await store.upsertPapers([paper]);

    expect(await store.getPaper(paper.id)).toMatchObject({
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors,
      categories: paper.categories,
      comment: paper.comment,
      links: paper.links,
      aiSummary: paper.aiSummary,
      aiKeywords: paper.aiKeywords,
      organization: paper.organization,
    });
  });

  it('keeps awkward text intact when a later import merges into it', async () => {
    await store.upsertPapers([paper]);
    await store.upsertPapers([{ id: paper.id, title: ' ', upvotes: 3, source: 'arxiv' }]);

    const stored = await store.getPaper(paper.id);
    expect(stored?.title).toBe(awkward);
    expect(stored?.authors).toEqual(paper.authors);
    expect(stored?.upvotes).toBe(3);
  });

  it('drops NUL characters, which Postgres text cannot hold, and stores the rest of the page', async () => {
    const other = { ...paper, id: '2606.00468', title: 'Plain title' };
    await store.upsertPapers([
      { ...paper, title: 'Null\u0000 byte', authors: ['A\u0000B'], aiKeywords: ['k\u0000w'] },
      other,
    ]);
    expect(await store.getPaper(paper.id)).toMatchObject({
      title: 'Null byte',
      authors: ['AB'],
      aiKeywords: ['kw'],
    });
    expect((await store.getPaper(other.id))?.title).toBe('Plain title');
  });

  it('keeps the search document in the row, so a long paper moves its abstract out instead and reads back whole', async () => {
    const [storage] = rowsOf<{ attstorage: string }>(
      await handle.db.execute(
        sql`select attstorage from pg_attribute where attrelid = 'papers'::regclass and attname = 'search'`,
      ),
    );
    expect(storage?.attstorage).toBe('m');

    // Thousands of distinct words: a document and an abstract too long to share an 8 kB page uncompressed.
    const words = Array.from(
      { length: 900 },
      (_, index) => `term${index.toString(36)}x${(index * 7919) % 997}`,
    );
    const long = {
      ...paper,
      id: '2606.00469',
      title: 'A long abstract',
      abstract: `${words.join(' ')} sparse attention`,
    };
    await store.upsertPapers([long]);

    expect((await store.getPaper(long.id))?.abstract).toBe(long.abstract);
    const found = await createPaperSearch(handle.db).search({ query: '"sparse attention"', limit: 5 });
    expect(found.hits.map((hit) => hit.paper.id)).toEqual([long.id]);
  });
});
