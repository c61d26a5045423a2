import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeOverview } from '../../src/core/bot/channel-overview.js';
import { noticeCard } from '../../src/core/cards/build-cards.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../src/core/channel.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { channels, deliveries } from '../../src/db/schema.js';
import { createChannelOverviews } from '../../src/store/channel-overview-store.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { describeEachDatabase, openTestDatabase, resetTables } from '../helpers/test-database.js';

const workspace = { platform: 'slack' as const, workspaceId: 'T1' };
const ref = (channelId: string, workspaceId = 'T1'): ChannelRef => ({
  platform: 'slack',
  workspaceId,
  channelId,
});
const now = new Date('2026-06-12T10:00:00Z');
const card = noticeCard({ tone: 'info', text: 'digest' });

describeEachDatabase('channel overviews', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => resetTables(handle));

  const idOf = async (channel: ChannelRef): Promise<number> => {
    const rows = await handle.db.select().from(channels);
    const row = rows.find(
      (candidate) =>
        candidate.channelId === channel.channelId && candidate.workspaceId === channel.workspaceId,
    );
    if (!row) throw new Error(`no channel ${channel.channelId}`);
    return row.id;
  };

  const deliver = async (
    channel: ChannelRef,
    row: Partial<typeof deliveries.$inferInsert> & { createdAt: Date },
  ) =>
    handle.db.insert(deliveries).values({
      channelId: await idOf(channel),
      platform: channel.platform,
      slotId: null,
      kind: 'digest',
      card,
      idempotencyKey: `${channel.channelId}:${row.createdAt.toISOString()}:${row.kind ?? 'digest'}`,
      nextAttemptAt: row.createdAt,
      ...row,
    });

  it('pages a workspace’s channels with their terms and their last post and latest problem', async () => {
    const store = createChannelStore(handle.db);
    for (const id of ['C3', 'C1', 'C2', 'C4']) await store.ensure(ref(id));
    await store.ensure(ref('C1', 'T2'));
    await store.updateSettings(ref('C1'), {
      ...DEFAULT_SETTINGS,
      top: 7,
      schedule: { enabled: true, time: '09:30', timezone: 'Europe/Berlin', days: { kind: 'weekdays' } },
    });
    await store.setActive(ref('C3'), false, 'channel_not_found');
    await createSubscriptionStore(handle.db).add(ref('C1'), [
      { kind: 'word', value: 'lora', text: 'lora' },
      { kind: 'exclude', value: 'survey', text: '-survey' },
    ]);
    await deliver(ref('C1'), {
      status: 'sent',
      createdAt: new Date('2026-06-11T07:30:00Z'),
      sentAt: new Date('2026-06-11T07:30:05Z'),
    });
    await deliver(ref('C1'), {
      status: 'sent',
      kind: 'edit',
      createdAt: new Date('2026-06-11T12:00:00Z'),
      sentAt: new Date('2026-06-11T12:00:00Z'),
    });
    await deliver(ref('C2'), {
      status: 'sent',
      kind: 'alert',
      createdAt: new Date('2026-06-10T07:00:00Z'),
      sentAt: new Date('2026-06-10T07:00:01Z'),
    });
    await deliver(ref('C2'), {
      status: 'failed',
      createdAt: new Date('2026-06-12T07:00:00Z'),
      attempts: 3,
      lastError: 'ratelimited',
      nextAttemptAt: new Date('2026-06-12T10:05:00Z'),
    });
    await deliver(ref('C4'), {
      status: 'dead',
      createdAt: new Date('2026-06-12T07:00:00Z'),
      attempts: 8,
      lastError: 'not_in_channel',
    });

    const overviews = createChannelOverviews(handle.db);
    const first = await overviews.page(workspace, { offset: 0, limit: 2 });
    expect(first.total).toBe(4);
    expect(first.overviews.map((overview) => overview.channel.channelId)).toEqual(['C1', 'C2']);
    const [c1, c2] = first.overviews;
    expect(c1?.terms.map((term) => term.text)).toEqual(['lora', '-survey']);
    expect(c1?.lastDelivery).toEqual({ at: new Date('2026-06-11T07:30:05Z'), kind: 'digest' });
    expect(c1?.problem).toBeNull();
    expect(c2?.lastDelivery).toEqual({ at: new Date('2026-06-10T07:00:01Z'), kind: 'alert' });
    expect(c2?.problem).toEqual({
      kind: 'failing',
      error: 'ratelimited',
      attempts: 3,
      nextAttemptAt: new Date('2026-06-12T10:05:00Z'),
    });

    const mine = await overviews.page(workspace, { channelIds: ['C3', 'C4', 'C9'], offset: 0, limit: 10 });
    expect(mine.total).toBe(2);
    const [c3, c4] = mine.overviews;
    expect(c3?.channel.active).toBe(false);
    expect(c4?.problem).toMatchObject({ kind: 'failed', error: 'not_in_channel', nextAttemptAt: null });
    expect(await overviews.page(workspace, { channelIds: [], offset: 0, limit: 10 })).toEqual({
      total: 0,
      overviews: [],
    });

    expect(describeOverview(c1!, now)).toEqual({
      schedule: 'Digest: Weekdays at 09:30 Europe/Berlin (next: Mon 15 Jun, 09:30)',
      subscriptions: 'Subscriptions: lora, -survey',
      settings: 'Top 7 · min upvotes 0 · sources hf · threads on · alerts digest · learning on',
      lastDelivery: 'Last post: digest, Thu 11 Jun, 09:30 Europe/Berlin',
      problem: null,
    });
    expect(describeOverview(c2!, now).problem).toBe(
      'Posting is failing (3 attempts, ratelimited); next try Fri 12 Jun, 10:05 UTC.',
    );
    expect(describeOverview(c3!, now).problem).toContain(
      'Inactive: paperboy stopped posting here (channel_not_found)',
    );
    expect(describeOverview(c4!, now).problem).toBe(
      'The last message could not be posted (not_in_channel); paperboy gave up on it.',
    );
  });
});
