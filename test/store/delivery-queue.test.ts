import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { noticeCard } from '../../src/core/cards/build-cards.js';
import type { ChannelRef, Platform } from '../../src/core/channel.js';
import { channels } from '../../src/db/schema.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import {
  describeEachDatabase,
  openTestDatabase,
  resetTables,
  type TestDatabase,
} from '../helpers/test-database.js';

const NOW = new Date('2026-06-13T09:00:00Z');
const slack: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const slackGone: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C2' };
const discord: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: '111' };

describeEachDatabase('delivery queue: what a platform takes', (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetTables(handle));

  /** One delivery queued at NOW for each channel; `slackGone` is inactive. */
  async function queueOneEach() {
    const store = createChannelStore(handle.db);
    const queue = createDeliveryQueue(handle.db);
    for (const ref of [slack, slackGone, discord]) {
      await store.ensure(ref);
      const [row] = await handle.db
        .select({ id: channels.id })
        .from(channels)
        .where(eq(channels.channelId, ref.channelId));
      await queue.enqueue(
        {
          channelId: row?.id ?? 0,
          slotId: null,
          kind: 'digest',
          card: noticeCard({ tone: 'info', text: ref.channelId }),
          idempotencyKey: `k-${ref.channelId}`,
        },
        NOW,
      );
    }
    await store.setActive(slackGone, false, 'channel_not_found');
    return queue;
  }
  const take = (queue: ReturnType<typeof createDeliveryQueue>, platform: Platform) =>
    queue.take({ owner: 'w', now: NOW, leaseMs: 60_000, limit: 10, platform });

  it('takes only the deliveries of active channels of its platform', async () => {
    const queue = await queueOneEach();
    expect((await take(queue, 'slack')).map((delivery) => delivery.channel.channelId)).toEqual(['C1']);
    expect((await take(queue, 'discord')).map((delivery) => delivery.channel.channelId)).toEqual(['111']);
    expect(await take(queue, 'slack')).toEqual([]);
  });

  it('says when the next delivery of its platform comes due, leaving out inactive channels', async () => {
    const queue = await queueOneEach();
    const [taken] = await take(queue, 'slack');
    const retryAt = new Date(NOW.getTime() + 5_000);
    await queue.markRetry(taken?.id ?? 0, 'w', { error: 'x', nextAttemptAt: retryAt, countAttempt: true });
    // The inactive channel's delivery, due at NOW, and Discord's do not count.
    expect(await queue.nextDueAt({ platform: 'slack' })).toEqual(retryAt);
    expect(await queue.nextDueAt({ platform: 'discord' })).toEqual(NOW);
  });
});
