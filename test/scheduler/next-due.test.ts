import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type ChannelRef, DEFAULT_SETTINGS, type RecapSchedule } from '../../src/core/channel.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { channels, digestSlots } from '../../src/db/schema.js';
import { createDigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { createRecapScheduler } from '../../src/scheduler/recap-scheduler.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDueChannels } from '../../src/store/due-channels.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturingLogger, daily, resetScheduling, scheduledChannel } from './scheduler-fixtures.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const friday: RecapSchedule = { enabled: true, weekday: 5, time: '16:00', timezone: 'UTC' };

describeEachDatabase('the stored next-due time', (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => resetScheduling(handle));

  const digests = (db = handle.db, owner = 'replica-a') => {
    const { logger, lines } = capturingLogger();
    const scheduler = createDigestScheduler({ db, owner, graceMs: 6 * HOUR, logger });
    /** How many channels each tick read from the database. */
    const loaded = () =>
      lines.filter((line) => line.message === 'due channels loaded').map((line) => line.fields.channels);
    return { tick: (now: Date) => scheduler.tick(now), loaded };
  };
  const nextDue = async (channel = ref) => {
    const [row] = await handle.db
      .select({ digest: channels.nextDigestAt, recap: channels.nextRecapAt })
      .from(channels)
      .where(eq(channels.channelId, channel.channelId));
    return { digest: row?.digest?.toISOString() ?? null, recap: row?.recap?.toISOString() ?? null };
  };

  it('is written with the settings: computed when a schedule changes, kept when it does not', async () => {
    const store = createChannelStore(handle.db);
    await store.ensure(ref);
    expect(await nextDue()).toEqual({ digest: null, recap: null });

    const berlin = { ...DEFAULT_SETTINGS, schedule: daily('09:00', 'Europe/Berlin'), recap: friday };
    await store.updateSettings(ref, berlin, at('2026-06-12T08:00:00Z'));
    expect(await nextDue()).toEqual({
      digest: '2026-06-13T07:00:00.000Z',
      recap: '2026-06-12T16:00:00.000Z',
    });

    // Another setting changes after the 13 June slot: that slot may still be owed, so nothing moves.
    await store.updateSettings(ref, { ...berlin, top: 7 }, at('2026-06-13T08:00:00Z'));
    expect(await nextDue()).toEqual({
      digest: '2026-06-13T07:00:00.000Z',
      recap: '2026-06-12T16:00:00.000Z',
    });

    const cron = {
      enabled: true,
      time: '09:00',
      timezone: 'Asia/Tokyo',
      days: { kind: 'cron' as const, expression: '0 18 * * 1,3' },
    };
    await store.updateSettings(ref, { ...berlin, schedule: cron }, at('2026-06-13T08:00:00Z'));
    // Monday 15 June, 18:00 in Tokyo.
    expect(await nextDue()).toEqual({
      digest: '2026-06-15T09:00:00.000Z',
      recap: '2026-06-12T16:00:00.000Z',
    });

    await store.updateSettings(
      ref,
      { ...berlin, schedule: { ...cron, enabled: false }, recap: { ...friday, enabled: false } },
      at('2026-06-13T08:00:00Z'),
    );
    expect(await nextDue()).toEqual({ digest: null, recap: null });
  });

  it('moves to the first slot after the tick once the slot is claimed', async () => {
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, at('2026-06-13T08:00:00Z'));
    const scheduler = digests();
    expect(await scheduler.tick(at('2026-06-13T08:59:30Z'))).toMatchObject({ claimed: 0 });
    expect(scheduler.loaded()).toEqual([0]);
    expect(await scheduler.tick(at('2026-06-13T09:00:05Z'))).toMatchObject({ claimed: 1 });
    expect(scheduler.loaded()).toEqual([0, 1]);
    expect((await nextDue()).digest).toBe('2026-06-14T09:00:00.000Z');
    expect(await scheduler.tick(at('2026-06-13T09:01:05Z'))).toMatchObject({ claimed: 0, taken: 0 });
    expect(scheduler.loaded()).toEqual([0, 1, 0]);
  });

  it('moves the weekly recap on the same way', async () => {
    await scheduledChannel(handle, ref, { recap: friday }, at('2026-07-01T00:00:00Z'));
    expect((await nextDue()).recap).toBe('2026-07-03T16:00:00.000Z');
    const recaps = createRecapScheduler({
      db: handle.db,
      owner: 'a',
      graceMs: 6 * HOUR,
      logger: capturingLogger().logger,
    });
    // Down from 1 to 17 July: the recap due an hour ago is delivered late; older weeks are past the lookback.
    expect(await recaps.tick(at('2026-07-17T17:00:00Z'))).toMatchObject({ claimed: 1, missed: 0 });
    expect((await nextDue()).recap).toBe('2026-07-24T16:00:00.000Z');
  });

  it('reads only the channels that are due, out of many', async () => {
    const times = ['06:00', '07:30', '09:00', '12:15', '18:45', '23:59'];
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
    for (let index = 0; index < 24; index += 1) {
      const schedule = daily(times[index % times.length] ?? '09:00', zones[index % zones.length]);
      await scheduledChannel(
        handle,
        { ...ref, channelId: `C${index}` },
        { schedule },
        at('2026-06-13T00:00:00Z'),
      );
    }
    const scheduler = digests();
    // Some of these times have passed by 09:00 UTC on the 13th (09:00 UTC, 09:00 Berlin, 12:15 Kolkata...),
    // the rest have not: the tick reads exactly the channels whose next-due time has come.
    const now = at('2026-06-13T09:00:10Z');
    const expected = await handle.db.select({ id: channels.id, next: channels.nextDigestAt }).from(channels);
    const dueNow = expected.filter((row) => row.next !== null && row.next.getTime() <= now.getTime());
    expect(dueNow.length).toBeGreaterThan(0);
    expect(dueNow.length).toBeLessThan(24);
    const tick = await scheduler.tick(now);
    expect(scheduler.loaded()).toEqual([dueNow.length]);
    expect(tick.claimed + tick.missed).toBe(dueNow.length);
    expect(await scheduler.tick(at('2026-06-13T09:01:10Z'))).toMatchObject({ claimed: 0, missed: 0 });
    expect(scheduler.loaded()).toEqual([dueNow.length, 0]);
  });

  it('after three days down delivers the latest slot late, records the one before as missed, and moves on', async () => {
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, at('2026-06-09T08:00:00Z'));
    expect((await nextDue()).digest).toBe('2026-06-09T09:00:00.000Z');
    const scheduler = digests();
    expect(await scheduler.tick(at('2026-06-12T11:00:00Z'))).toMatchObject({ claimed: 1, missed: 1 });
    // 9 and 10 June are older than the lookback (48 h): neither owed nor recorded, as before.
    const slots = await handle.db.select().from(digestSlots).orderBy(digestSlots.dueAt);
    expect(slots.map((slot) => [slot.slot, slot.status, slot.late])).toEqual([
      ['2026-06-11T09:00Z', 'missed', true],
      ['2026-06-12T09:00Z', 'claimed', true],
    ]);
    expect((await nextDue()).digest).toBe('2026-06-13T09:00:00.000Z');
    expect(await scheduler.tick(at('2026-06-12T11:01:00Z'))).toMatchObject({ claimed: 0, missed: 0 });
    expect(scheduler.loaded()).toEqual([1, 0]);
  });

  it('is computed by the tick for a row written without one, owing what the schedule owed', async () => {
    const settings = { ...DEFAULT_SETTINGS, schedule: daily('09:00') };
    await handle.db
      .insert(channels)
      .values({ ...ref, settings, scheduleChangedAt: at('2026-06-13T08:00:00Z') });
    await handle.db.insert(channels).values({
      ...ref,
      channelId: 'COFF',
      settings: DEFAULT_SETTINGS,
      scheduleChangedAt: at('2026-06-13T08:00:00Z'),
    });
    expect(await nextDue()).toEqual({ digest: null, recap: null });
    const scheduler = digests();
    expect(await scheduler.tick(at('2026-06-13T08:30:00Z'))).toMatchObject({ claimed: 0 });
    expect(scheduler.loaded()).toEqual([1]);
    expect((await nextDue()).digest).toBe('2026-06-13T09:00:00.000Z');
    expect(await nextDue({ ...ref, channelId: 'COFF' })).toEqual({ digest: null, recap: null });
    expect(await scheduler.tick(at('2026-06-13T09:00:10Z'))).toMatchObject({ claimed: 1 });
  });

  it('is computed by the tick after the migration, which sees the slots an older version already claimed', async () => {
    const settings = { ...DEFAULT_SETTINGS, schedule: daily('09:00') };
    const [row] = await handle.db
      .insert(channels)
      .values({ ...ref, settings, scheduleChangedAt: at('2026-06-10T08:00:00Z') })
      .returning({ id: channels.id });
    const claim = { channelId: row?.id ?? 0, late: false, claimedBy: 'old-replica' };
    await handle.db.insert(digestSlots).values([
      {
        ...claim,
        slot: '2026-06-12T09:00Z',
        dueAt: at('2026-06-12T09:00:00Z'),
        status: 'claimed',
        claimedAt: at('2026-06-12T09:00:05Z'),
      },
      {
        ...claim,
        slot: '2026-06-13T09:00Z',
        dueAt: at('2026-06-13T09:00:00Z'),
        status: 'claimed',
        claimedAt: at('2026-06-13T09:00:05Z'),
      },
    ]);
    const scheduler = digests();
    expect(await scheduler.tick(at('2026-06-13T09:00:30Z'))).toEqual({
      claimed: 0,
      taken: 0,
      empty: 0,
      missed: 0,
    });
    expect(scheduler.loaded()).toEqual([1]);
    expect((await nextDue()).digest).toBe('2026-06-14T09:00:00.000Z');
  });

  it('is looked at again only after years for a schedule that is never due', async () => {
    const never = {
      enabled: true,
      time: '00:00',
      timezone: 'UTC',
      days: { kind: 'cron' as const, expression: '0 0 31 2 *' },
    };
    await scheduledChannel(handle, ref, { schedule: never }, at('2026-06-13T08:00:00Z'));
    expect(Date.parse((await nextDue()).digest ?? '')).toBeGreaterThan(Date.parse('2034-06-13T00:00:00Z'));
    const scheduler = digests();
    await scheduler.tick(at('2026-06-13T09:00:00Z'));
    expect(scheduler.loaded()).toEqual([0]);
  });

  it('is not moved by a tick that read a schedule changed meanwhile', async () => {
    const store = createChannelStore(handle.db);
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, at('2026-06-13T08:00:00Z'));
    const due = createDueChannels(handle.db);
    const { entries } = await due.load('digest', at('2026-06-13T09:00:05Z'), at('2026-06-11T09:00:05Z'));
    expect(entries).toHaveLength(1);
    // Between the tick's read and its advance, the digest moves to 10:00 today.
    await store.updateSettings(
      ref,
      { ...DEFAULT_SETTINGS, schedule: daily('10:00') },
      at('2026-06-13T09:00:30Z'),
    );
    await due.advance(
      'digest',
      entries.map((entry) => ({ id: entry.id, stored: entry.stored, nextDueAt: at('2026-06-14T09:00:00Z') })),
    );
    expect((await nextDue()).digest).toBe('2026-06-13T10:00:00.000Z');
    expect(await digests().tick(at('2026-06-13T10:00:05Z'))).toMatchObject({ claimed: 1 });
  });

  it('lets two replicas ticking at once claim a slot once, and both move it on', async () => {
    const other: DatabaseHandle = handle.url
      ? await openDatabase({ url: handle.url, maxConnections: 5 })
      : handle;
    try {
      for (let index = 0; index < 20; index += 1)
        await scheduledChannel(
          handle,
          { ...ref, channelId: `C${index}` },
          { schedule: daily('09:00') },
          at('2026-06-13T08:00:00Z'),
        );
      const replicas = [digests(handle.db, 'a'), digests(other.db, 'b')];
      const now = at('2026-06-13T09:00:05Z');
      const ticks = await Promise.all(replicas.map((replica) => replica.tick(now)));
      expect(ticks.reduce((sum, tick) => sum + tick.claimed, 0)).toBe(20);
      expect(await handle.db.select().from(digestSlots)).toHaveLength(20);
      const stored = await handle.db.select({ next: channels.nextDigestAt }).from(channels);
      expect(new Set(stored.map((row) => row.next?.toISOString()))).toEqual(
        new Set(['2026-06-14T09:00:00.000Z']),
      );
      const later = await Promise.all(replicas.map((replica) => replica.tick(at('2026-06-13T09:01:05Z'))));
      expect(later.map((tick) => tick.claimed)).toEqual([0, 0]);
      expect(replicas.map((replica) => replica.loaded().at(-1))).toEqual([0, 0]);
    } finally {
      if (other !== handle) await other.close();
    }
  });
});
