import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ChannelRef, ChannelSettings } from '../../src/core/channel.js';
import { queueTldrsAfterIngest } from '../../src/scheduler/queue-tldrs.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import {
  describeEachDatabase,
  openTestDatabase,
  resetTables,
  type TestDatabase,
} from '../helpers/test-database.js';
import { daily, scheduledChannel } from '../scheduler/scheduler-fixtures.js';
import { inventedPaper, jobRows } from './tldr-fixtures.js';

const since = new Date('2026-06-13T10:00:00Z');
const storedAt = new Date('2026-06-13T10:01:00Z');
const now = new Date('2026-06-13T10:05:00Z');

const en: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C-EN' };
const de: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C-DE' };
const fr: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C-FR' };

const hfDay = {
  source: 'hf' as const,
  dailyDate: '2026-06-13',
  categories: ['cs.CV'],
  primaryCategory: 'cs.CV',
};
/** Today's Daily Papers (in cs.CV, which no channel follows), and new arXiv papers. */
const fresh = [
  inventedPaper('2606.71001', 'Lanternfish Diffusion', { ...hfDay, upvotes: 90 }),
  inventedPaper('2606.71002', 'Mosaic Tokenizers', { ...hfDay, upvotes: 12 }),
  inventedPaper('2606.71003', 'Driftwood Agents', {
    ...hfDay,
    upvotes: 40,
    aiSummary: 'Driftwood Agents plan with invented tools.',
  }),
  inventedPaper('2606.71004', 'Kelp Optimisers'),
  inventedPaper('2606.71005', 'Gannet Parsing', { categories: ['cs.CL'], primaryCategory: 'cs.CL' }),
];
/** Stored by an ingest the day before, in today's sources: not new. */
const old = inventedPaper('2606.70001', 'Barnacle Attention', {
  ...hfDay,
  dailyDate: '2026-06-12',
  upvotes: 70,
});

const jobsOf = (rows: Awaited<ReturnType<typeof jobRows>>, language: string) =>
  rows
    .filter((row) => row.language === language)
    .map((row) => row.paper_id)
    .sort();

describeEachDatabase('queueTldrsAfterIngest', (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle?.close());

  const follow = (ref: ChannelRef, settings: Partial<ChannelSettings>) =>
    scheduledChannel(handle, ref, { schedule: daily('09:00'), ...settings }, since);

  beforeEach(async () => {
    await resetTables(handle);
    const papers = createPaperStore(handle.db);
    await papers.upsertPapers([old], new Date('2026-06-12T12:00:00Z'));
    await papers.upsertPapers(fresh, storedAt);
    // Seen again by today's ingest (its upvotes changed): still first seen yesterday.
    await papers.upsertPapers([{ ...old, upvotes: 75 }], storedAt);
  });

  it('queues Daily Papers without an HF summary for English, and the followed category for German', async () => {
    await follow(en, { sources: ['hf'], language: 'en' });
    await follow(de, { sources: ['cs.LG'], language: 'de' });
    expect(await queueTldrsAfterIngest(handle.db, since, now)).toBe(3);
    const rows = await jobRows(handle.db);
    expect(jobsOf(rows, 'en')).toEqual(['2606.71001', '2606.71002']);
    expect(jobsOf(rows, 'de')).toEqual(['2606.71004']);
    expect(rows.every((row) => row.status === 'queued' && row.attempts === 0)).toBe(true);
    expect(rows.every((row) => row.next_attempt_at.getTime() === now.getTime())).toBe(true);
  });

  it('queues every Daily Paper for a German channel that follows Hugging Face, HF summary or not', async () => {
    await follow(en, { sources: ['hf'], language: 'en' });
    await follow(de, { sources: ['hf', 'cs.LG'], language: 'de' });
    expect(await queueTldrsAfterIngest(handle.db, since, now)).toBe(6);
    const rows = await jobRows(handle.db);
    expect(jobsOf(rows, 'en')).toEqual(['2606.71001', '2606.71002']);
    expect(jobsOf(rows, 'de')).toEqual(['2606.71001', '2606.71002', '2606.71003', '2606.71004']);
  });

  it('treats a regional English (en-GB) like English, and queues a language once for several channels', async () => {
    await follow(en, { sources: ['hf'], language: 'en-GB' });
    await follow(fr, { sources: ['hf'], language: 'en-GB' });
    expect(await queueTldrsAfterIngest(handle.db, since, now)).toBe(2);
    expect(jobsOf(await jobRows(handle.db), 'en-GB')).toEqual(['2606.71001', '2606.71002']);
  });

  it('queues nothing for an inactive channel', async () => {
    await follow(en, { sources: ['hf'], language: 'en' });
    await follow(fr, { sources: ['hf', 'cs.CL'], language: 'fr' });
    await createChannelStore(handle.db).setActive(fr, false, 'channel_not_found');
    await queueTldrsAfterIngest(handle.db, since, now);
    expect(jobsOf(await jobRows(handle.db), 'fr')).toEqual([]);
    expect(jobsOf(await jobRows(handle.db), 'en')).toEqual(['2606.71001', '2606.71002']);
  });

  it('skips papers that already have a TL;DR in the language, and queues nothing twice', async () => {
    await follow(de, { sources: ['hf', 'cs.LG'], language: 'de' });
    const tldrs = createTldrStore(handle.db);
    await tldrs.complete(
      { paperId: '2606.71001', language: 'de' },
      'Lanternfish erzeugt Bilder.',
      'fake-model',
      storedAt,
    );
    expect(await queueTldrsAfterIngest(handle.db, since, now)).toBe(3);
    expect(jobsOf(await jobRows(handle.db), 'de')).toEqual(['2606.71002', '2606.71003', '2606.71004']);
    expect(await queueTldrsAfterIngest(handle.db, since, now)).toBe(0);
  });

  it('puts Daily Papers first, by upvotes, then arXiv papers', async () => {
    await follow(de, { sources: ['hf', 'cs.LG'], language: 'de' });
    await queueTldrsAfterIngest(handle.db, since, now);
    const tldrs = createTldrStore(handle.db);
    const order: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (const job of await tldrs.claim(now, 1, 60_000)) order.push(job.paperId);
    }
    expect(order).toEqual(['2606.71001', '2606.71003', '2606.71002', '2606.71004']);
  });
});
