import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { createTldrMemory } from '../../src/core/tldr/remembered-tldrs.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { deliveries, digestSlots } from '../../src/db/schema.js';
import { createDigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { rowsOf } from '../../src/store/rows.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { daily, resetScheduling, scheduledChannel } from './scheduler-fixtures.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
});
afterAll(async () => handle?.close());
beforeEach(async () => resetScheduling(handle));

const scheduler = (graceMs = 6 * HOUR) =>
  createDigestScheduler({ db: handle.db, owner: 'replica-a', graceMs, logger: silentLogger });
const queued = () => handle.db.select().from(deliveries).orderBy(deliveries.id);
const slots = () => handle.db.select().from(digestSlots).orderBy(digestSlots.id);

describe('the digest scheduler', () => {
  it('claims a digest at its time, queues one message, and never claims it twice', async () => {
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, at('2026-06-13T08:00:00Z'));
    expect(await scheduler().tick(at('2026-06-13T08:59:30Z'))).toMatchObject({ claimed: 0 });
    expect(await scheduler().tick(at('2026-06-13T09:00:05Z'))).toMatchObject({ claimed: 1, missed: 0 });
    expect(await scheduler().tick(at('2026-06-13T09:01:05Z'))).toMatchObject({ claimed: 0, taken: 0 });

    const [delivery] = await queued();
    expect(delivery).toMatchObject({
      kind: 'digest',
      status: 'pending',
      idempotencyKey: 'digest:slack:T1:C1:2026-06-13T09:00Z',
    });
    expect(delivery?.card.items.map((item) => item.id)).toEqual([
      '2606.93681',
      '2606.93392',
      '2606.98063',
      '2606.93289',
      '2606.93106',
    ]);
    expect(await slots()).toEqual([
      expect.objectContaining({ slot: '2026-06-13T09:00Z', status: 'claimed', late: false }),
    ]);
  });

  it('posts at 09:00 Berlin time on both sides of a DST change', async () => {
    await scheduledChannel(
      handle,
      ref,
      { schedule: daily('09:00', 'Europe/Berlin') },
      at('2026-03-28T00:00:00Z'),
    );
    // Saturday 28 March is CET (UTC+1), Sunday 29 March is CEST (UTC+2).
    expect(await scheduler().tick(at('2026-03-28T08:00:10Z'))).toMatchObject({ claimed: 1 });
    expect(await scheduler().tick(at('2026-03-29T07:00:10Z'))).toMatchObject({ claimed: 1 });
    expect((await slots()).map((slot) => slot.slot)).toEqual(['2026-03-28T08:00Z', '2026-03-29T07:00Z']);
  });

  it('delivers a slot missed by two hours late, with a note, once', async () => {
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, at('2026-06-12T00:00:00Z'));
    expect(await scheduler().tick(at('2026-06-13T11:00:00Z'))).toMatchObject({ claimed: 1, missed: 1 });
    expect(await scheduler().tick(at('2026-06-13T11:01:00Z'))).toMatchObject({ claimed: 0 });
    const [delivery] = await queued();
    expect(delivery?.card.subheader).toContain('late');
    // The 12 June slot, missed by more than a day, is recorded as missed.
    expect((await slots()).map((slot) => [slot.slot, slot.status, slot.late])).toEqual([
      ['2026-06-12T09:00Z', 'missed', true],
      ['2026-06-13T09:00Z', 'claimed', true],
    ]);
  });

  it('records a slot missed by eight hours as missed and posts nothing', async () => {
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, at('2026-06-13T00:00:00Z'));
    expect(await scheduler().tick(at('2026-06-13T17:00:00Z'))).toMatchObject({ claimed: 0, missed: 1 });
    expect(await queued()).toEqual([]);
    expect(await scheduler().tick(at('2026-06-13T17:01:00Z'))).toMatchObject({ missed: 0 });
  });

  it('after downtime delivers only the latest of several missed slots', async () => {
    const hourly = {
      enabled: true,
      time: '00:00',
      timezone: 'UTC',
      days: { kind: 'cron' as const, expression: '0 * * * *' },
    };
    await scheduledChannel(handle, ref, { schedule: hourly }, at('2026-06-13T05:30:00Z'));
    expect(await scheduler().tick(at('2026-06-13T09:10:00Z'))).toMatchObject({ claimed: 1, missed: 3 });
    expect((await queued()).map((delivery) => delivery.idempotencyKey)).toEqual([
      'digest:slack:T1:C1:2026-06-13T09:00Z',
    ]);
  });

  it('owes nothing for slots before the schedule was set', async () => {
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, at('2026-06-13T10:00:00Z'));
    expect(await scheduler().tick(at('2026-06-13T10:01:00Z'))).toEqual({
      claimed: 0,
      taken: 0,
      empty: 0,
      missed: 0,
    });
  });

  it('stays silent on an empty day when the channel asked for that', async () => {
    await scheduledChannel(
      handle,
      ref,
      { schedule: daily('09:00'), sources: ['math.GT'], postWhenEmpty: false },
      at('2026-06-13T08:00:00Z'),
    );
    expect(await scheduler().tick(at('2026-06-13T09:00:30Z'))).toMatchObject({ empty: 1, claimed: 0 });
    expect(await queued()).toEqual([]);
    expect((await slots())[0]?.status).toBe('empty');
  });

  it('leaves inactive channels and channels without a schedule alone', async () => {
    await scheduledChannel(
      handle,
      ref,
      { schedule: { ...daily('09:00'), enabled: false } },
      at('2026-06-13T08:00:00Z'),
    );
    const other = { ...ref, channelId: 'C2' };
    await scheduledChannel(handle, other, { schedule: daily('09:00') }, at('2026-06-13T08:00:00Z'));
    await createChannelStore(handle.db).setActive(other, false, 'channel_not_found');
    expect(await scheduler().tick(at('2026-06-13T09:00:30Z'))).toMatchObject({ claimed: 0 });
    expect(await handle.db.select().from(deliveries).where(eq(deliveries.kind, 'digest'))).toEqual([]);
  });
});

describe('the digest scheduler with TL;DRs', () => {
  it('builds the digest with the TL;DRs already written in the channel’s language, asking for none', async () => {
    await handle.db.execute('truncate paper_tldrs, tldr_jobs');
    await scheduledChannel(
      handle,
      ref,
      { schedule: daily('09:00'), language: 'de' },
      at('2026-06-13T08:00:00Z'),
    );
    await createTldrStore(handle.db).complete(
      { paperId: '2606.93392', language: 'de' },
      'Kurz gesagt.',
      'm',
      at('2026-06-13T08:00:00Z'),
    );
    const memory = createTldrMemory();
    await createDigestScheduler({
      db: handle.db,
      owner: 'replica-a',
      graceMs: 6 * HOUR,
      logger: silentLogger,
      tldrMemory: memory,
    }).tick(at('2026-06-13T09:00:05Z'));
    const [delivery] = await queued();
    const item = delivery?.card.items.find((entry) => entry.id === '2606.93392');
    expect(item).toMatchObject({ summary: 'Kurz gesagt.', summaryKind: 'model' });
    expect(delivery?.card.items.filter((entry) => entry.summaryKind === 'model')).toHaveLength(1);
    expect(memory.get('2606.93392', 'de')?.text).toBe('Kurz gesagt.');
    expect(rowsOf(await handle.db.execute('select 1 from tldr_jobs'))).toHaveLength(0);
  });
});
