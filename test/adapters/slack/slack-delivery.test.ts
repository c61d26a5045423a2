import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../src/adapters/slack/channel-pacer.js';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { paperListCard } from '../../../src/core/cards/build-cards.js';
import type { Card } from '../../../src/core/cards/card.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { channels, deliveries } from '../../../src/db/schema.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { createDeliveryQueue } from '../../../src/store/delivery-queue.js';
import { deliveryRounds } from '../../helpers/delivery-rounds.js';
import { type FakeSlack, slackError, startFakeSlack } from '../../helpers/fake-slack.js';
import { daily, resetScheduling, scheduledChannel } from '../../scheduler/scheduler-fixtures.js';
import { NOW, openBotDatabase, slackConfig } from './slack-harness.js';

const ref = (channelId: string): ChannelRef => ({ platform: 'slack', workspaceId: 'T1', channelId });

let handle: DatabaseHandle;
let bot: BotDependencies;
let fake: FakeSlack;
let digest: Card;
let clock = NOW;
let paced = 0;
const sleeps: number[] = [];

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  fake = await startFakeSlack();
  const papers = await bot.catalog.topOfDays('2026-06-12', '2026-06-12', 3);
  digest = paperListCard('Your paper digest', 'Daily Papers of Fri 12 Jun 2026 · 3 trending', papers);
});
afterAll(async () => {
  await fake?.close();
  await handle?.close();
});
beforeEach(async () => {
  clock = NOW;
  fake.reset();
  sleeps.length = 0;
  await resetScheduling(handle);
});

function worker() {
  const adapter = createSlackAdapter(
    {
      config: slackConfig(fake),
      bot,
      http: createHttpServer(silentLogger),
      db: handle.db,
      logger: silentLogger,
      now: () => clock,
    },
    {
      // Pacing on a fake clock: a wait advances it instead of sleeping.
      pacer: createChannelPacer({
        now: () => paced,
        sleep: async (ms) => {
          sleeps.push(ms);
          paced += ms;
        },
      }),
    },
  );
  return deliveryRounds({
    queue: createDeliveryQueue(handle.db),
    channels: bot.channels,
    posters: [adapter.poster],
    owner: 'worker-a',
    leaseMs: 60_000,
    maxAttempts: 5,
    logger: silentLogger,
    now: () => clock,
    random: () => 0.5,
    baseDelayMs: 1000,
  });
}

async function queueDigest(channelId: string): Promise<number> {
  await scheduledChannel(handle, ref(channelId), { schedule: daily('09:00') }, clock);
  const [row] = await handle.db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.channelId, channelId));
  const id = await createDeliveryQueue(handle.db).enqueue(
    {
      channelId: row?.id ?? 0,
      slotId: null,
      kind: 'digest',
      card: digest,
      idempotencyKey: `digest:${channelId}`,
    },
    clock,
  );
  return id ?? 0;
}

const delivery = async (id: number) =>
  (await handle.db.select().from(deliveries).where(eq(deliveries.id, id)))[0];
/** The posts Slack accepted in a channel (not the 429s or errors). */
const accepted = (channelId: string) =>
  fake.callsTo('chat.postMessage').filter((call) => call.params.channel === channelId && !rejected.has(call));
const rejected = new Set<unknown>();

describe('posting digests to Slack through the delivery worker', () => {
  it('deactivates a channel that is gone, waits out a rate limit, and posts nothing twice', async () => {
    const ok = await queueDigest('COK');
    const gone = await queueDigest('CGONE');
    const busy = await queueDigest('CBUSY');
    fake.rule('chat.postMessage', (params, call) => {
      if (params.channel !== 'CGONE') return undefined;
      rejected.add(call);
      return slackError('channel_not_found');
    });
    let limited = false;
    fake.rule('chat.postMessage', (params, call) => {
      if (params.channel !== 'CBUSY' || limited) return undefined;
      limited = true;
      rejected.add(call);
      return { status: 429, retryAfterSeconds: 30 };
    });

    await worker().runOnce();
    expect(await delivery(ok)).toMatchObject({ status: 'sent', partsSent: 4 });
    expect(await bot.channels.get(ref('CGONE'))).toMatchObject({
      active: false,
      inactiveReason: 'channel_not_found',
    });
    expect((await delivery(gone))?.status).toBe('dead');
    expect(await delivery(busy)).toMatchObject({
      status: 'failed',
      partsSent: 0,
      nextAttemptAt: new Date(NOW.getTime() + 30_000),
    });

    clock = new Date(NOW.getTime() + 29_000);
    expect(await worker().runOnce()).toBe(0);
    clock = new Date(NOW.getTime() + 30_000);
    await worker().runOnce();
    expect(await delivery(busy)).toMatchObject({ status: 'sent', partsSent: 4 });

    for (const channelId of ['COK', 'CBUSY']) {
      const posts = accepted(channelId);
      expect(posts).toHaveLength(4);
      const keys = posts.map((post) => JSON.stringify([post.params.text, post.params.thread_ts ?? null]));
      expect(new Set(keys).size).toBe(4);
    }
    expect(accepted('CGONE')).toHaveLength(0);
    expect(fake.callsTo('chat.postMessage').filter((call) => call.params.channel === 'CGONE')).toHaveLength(
      1,
    );
  });

  it('lists the papers in the parent post and puts each abstract in its thread, with the workspace token', async () => {
    const id = await queueDigest('CTHREAD');
    await worker().runOnce();
    const posts = accepted('CTHREAD');
    const parentTs = (await delivery(id))?.messageIds[0];
    expect(posts[0]?.params.thread_ts).toBeUndefined();
    expect(posts.slice(1).map((post) => post.params.thread_ts)).toEqual([parentTs, parentTs, parentTs]);
    expect(posts.every((post) => post.token === 'xoxb-test-token')).toBe(true);
    expect(
      posts.every((post) => post.params.unfurl_links === 'false' && post.params.unfurl_media === 'false'),
    ).toBe(true);
    // One message per second per channel: three waits of a second after the first post.
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('resumes after the posts that went out when Slack fails mid-digest, replying in the same thread', async () => {
    const id = await queueDigest('CFLAKY');
    let calls = 0;
    fake.rule('chat.postMessage', (_params, call) => {
      calls += 1;
      if (calls !== 3) return undefined;
      rejected.add(call);
      return { status: 500 };
    });
    await worker().runOnce();
    expect(await delivery(id)).toMatchObject({ status: 'failed', partsSent: 2 });
    clock = new Date(NOW.getTime() + 60_000);
    await worker().runOnce();
    const row = await delivery(id);
    expect(row).toMatchObject({ status: 'sent', partsSent: 4 });
    const posts = accepted('CFLAKY');
    expect(posts).toHaveLength(4);
    expect(posts.slice(1).every((post) => post.params.thread_ts === row?.messageIds[0])).toBe(true);
    expect(new Set(posts.map((post) => post.params.text)).size).toBe(4);
  });
});
