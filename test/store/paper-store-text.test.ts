import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/paper.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createPaperStore, type PaperStore } from '../../src/store/paper-store.js';
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
});
