import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/paper.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createPaperStore, type PaperStore } from '../../src/store/paper-store.js';
import { describeEachDatabase, openTestDatabase, resetTables } from '../helpers/test-database.js';

const fromHf: PaperInput = {
  id: '2606.00467',
  title: 'LoRA-Tune: Federated LoRA Fine-Tuning',
  abstract: 'Low-Rank Adaptation (LoRA) for federated learning.',
  authors: ['Ada Okonkwo', 'Alan Vestergaard'],
  publishedAt: new Date('2026-05-30T00:00:00Z'),
  dailyDate: '2026-06-12',
  upvotes: 10,
  numComments: 2,
  aiSummary: 'Federated LoRA without drift.',
  aiKeywords: ['LoRA', 'federated learning'],
  githubRepo: 'https://github.com/example/lora-tune',
  githubStars: 40,
  source: 'hf',
};

const fromArxiv: PaperInput = {
  id: '2606.00467',
  version: 2,
  title: 'LoRA-Tune: Federated LoRA Fine-Tuning',
  abstract: 'Low-Rank Adaptation (LoRA) for federated learning, revised.',
  authors: ['Ada Okonkwo', 'Alan Vestergaard', 'Grace Hollings'],
  publishedAt: new Date('2026-05-30T17:00:00Z'),
  updatedAt: new Date('2026-06-02T10:00:00Z'),
  categories: ['cs.LG', 'cs.AI'],
  primaryCategory: 'cs.LG',
  comment: '12 pages',
  links: { pdf: 'https://arxiv.org/pdf/2606.00467v2' },
  source: 'arxiv',
};

describeEachDatabase('paper store', (driver) => {
  let handle: DatabaseHandle;
  let store: PaperStore;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    store = createPaperStore(handle.db);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => resetTables(handle));

  it('merges the same arXiv id from both sources into one paper', async () => {
    await store.upsertPapers([fromHf], new Date('2026-06-12T10:00:00Z'));
    await store.upsertPapers([fromArxiv], new Date('2026-06-12T11:00:00Z'));

    expect(await store.countPapers()).toBe(1);
    const paper = await store.getPaper('2606.00467');
    expect(paper).toMatchObject({
      version: 2,
      abstract: 'Low-Rank Adaptation (LoRA) for federated learning, revised.',
      authors: ['Ada Okonkwo', 'Alan Vestergaard', 'Grace Hollings'],
      categories: ['cs.LG', 'cs.AI'],
      primaryCategory: 'cs.LG',
      upvotes: 10,
      dailyDate: '2026-06-12',
      aiSummary: 'Federated LoRA without drift.',
      aiKeywords: ['LoRA', 'federated learning'],
      githubStars: 40,
      links: { pdf: 'https://arxiv.org/pdf/2606.00467v2' },
      sources: ['arxiv', 'hf'],
    });
    expect(paper?.firstSeenAt.toISOString()).toBe('2026-06-12T10:00:00.000Z');
    expect(paper?.lastSeenAt.toISOString()).toBe('2026-06-12T11:00:00.000Z');
  });

  it('lets later data update fields but never blanks a field the newer payload lacks', async () => {
    await store.upsertPapers([fromArxiv, fromHf]);
    await store.upsertPapers([{ id: fromHf.id, title: fromHf.title, upvotes: 57, source: 'hf' }]);

    const paper = await store.getPaper('2606.00467');
    expect(paper?.upvotes).toBe(57);
    expect(paper?.numComments).toBe(2);
    expect(paper?.aiKeywords).toEqual(['LoRA', 'federated learning']);
    expect(paper?.abstract).toBe('Low-Rank Adaptation (LoRA) for federated learning.');
    expect(paper?.categories).toEqual(['cs.LG', 'cs.AI']);
    expect(paper?.comment).toBe('12 pages');
  });

  it('treats empty text and empty lists as absent', async () => {
    await store.upsertPapers([fromHf]);
    await store.upsertPapers([{ ...fromHf, abstract: '  ', authors: [], aiKeywords: [], aiSummary: '' }]);

    const paper = await store.getPaper('2606.00467');
    expect(paper?.abstract).toBe(fromHf.abstract);
    expect(paper?.authors).toEqual(fromHf.authors);
    expect(paper?.aiKeywords).toEqual(fromHf.aiKeywords);
    expect(paper?.aiSummary).toBe(fromHf.aiSummary);
  });

  it('writes a batch that repeats an id as one merged row', async () => {
    const written = await store.upsertPapers([fromHf, fromArxiv, { ...fromHf, upvotes: 11 }]);

    expect(written).toBe(1);
    const paper = await store.getPaper('2606.00467');
    expect(paper?.upvotes).toBe(11);
    expect(paper?.primaryCategory).toBe('cs.LG');
    expect(paper?.sources).toEqual(['arxiv', 'hf']);
  });

  it('keeps nothing of a batch whose transaction fails', async () => {
    const broken = { ...fromArxiv, id: '2606.99999', title: null as unknown as string };
    await expect(store.upsertPapers([{ ...fromHf, id: '2606.11111' }, broken])).rejects.toThrow();
    expect(await store.countPapers()).toBe(0);
  });

  it('returns papers by id in the order asked', async () => {
    await store.upsertPapers([
      { ...fromHf, id: '2606.00001' },
      { ...fromHf, id: '2606.00002' },
    ]);
    const found = await store.getPapers(['2606.00002', 'missing', '2606.00001']);
    expect(found.map((paper) => paper.id)).toEqual(['2606.00002', '2606.00001']);
  });
});
