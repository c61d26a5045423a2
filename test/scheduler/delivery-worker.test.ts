import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noticeCard } from '../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { PermanentDeliveryError, type Poster, RateLimitedError } from '../../src/core/delivery/poster.js';
import { silentLogger } from '../../src/core/logger.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { channels, deliveries } from '../../src/db/schema.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from '../../src/scheduler/delivery-worker.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { deliveryRounds } from '../helpers/delivery-rounds.js';
import { openTestDatabase } from '../helpers/test-database.js';
import {
  capturingLogger,
  daily,
  gate,
  recordingPoster,
  resetScheduling,
  scheduledChannel,
} from './scheduler-fixtures.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const start = new Date('2026-06-13T09:00:00Z');
let clock = start;
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  clock = start;
  await resetScheduling(handle);
  await scheduledChannel(handle, ref, { schedule: daily('09:00') }, start);
});

async function enqueue(key = 'digest:1', channelId = ref.channelId): Promise<number> {
  const [row] = await handle.db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.channelId, channelId));
  const id = await createDeliveryQueue(handle.db).enqueue(
    {
      channelId: row?.id ?? 0,
      slotId: null,
      kind: 'digest',
      card: noticeCard({ tone: 'info', text: key }),
      idempotencyKey: key,
    },
    clock,
  );
  return id ?? 0;
}

/** The running worker, and `runOnce` (one round, for stepping the fake clock) on the same options. */
const worker = (
  poster: Poster | Poster[],
  owner = 'worker-a',
  logger = silentLogger,
  extra: Partial<DeliveryWorkerOptions> = {},
) => {
  const options: DeliveryWorkerOptions = {
    queue: createDeliveryQueue(handle.db),
    channels: createChannelStore(handle.db),
    posters: Array.isArray(poster) ? poster : [poster],
    owner,
    leaseMs: 60_000,
    maxAttempts: 3,
    logger,
    now: () => clock,
    random: () => 0.5,
    baseDelayMs: 1000,
    ...extra,
  };
  return { ...createDeliveryWorker(options), ...deliveryRounds(options) };
};
const row = async (id: number) => (await handle.db.select().from(deliveries).where(eq(deliveries.id, id)))[0];

describe('the delivery worker', () => {
  it('posts a queued delivery once and records it as sent with its message id', async () => {
    const id = await enqueue();
    const slack = recordingPoster('slack');
    expect(await worker(slack.poster).runOnce()).toBe(1);
    expect(await worker(slack.poster).runOnce()).toBe(0);
    expect(slack.posts).toHaveLength(1);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      messageIds: ['C1-0'],
      partsSent: 1,
      sentAt: clock,
    });
  });

  it('tells its observer about a sent delivery, with the time from queuing to sent (metrics)', async () => {
    await enqueue();
    later(1500);
    const outcomes: unknown[] = [];
    const w = worker(recordingPoster('slack').poster, 'worker-a', silentLogger, {
      onOutcome: (event) => outcomes.push(event),
    });
    await w.runOnce();
    expect(outcomes).toEqual([{ platform: 'slack', outcome: 'sent', latencyMs: 1500 }]);
  });

  it('retries a poster that fails twice with growing backoff, then succeeds', async () => {
    const id = await enqueue();
    const flaky = recordingPoster('slack', (_message, call) => {
      if (call <= 2) throw new Error(`HTTP 500 on call ${call}`);
    });
    const w = worker(flaky.poster);
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 500 on call 1' });
    // Backoff with jitter 0.5: 500 ms after the first failure, 1000 ms after the second.
    expect((await row(id))?.nextAttemptAt).toEqual(new Date(start.getTime() + 500));
    expect(await w.runOnce()).toBe(0);
    later(500);
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect((await row(id))?.nextAttemptAt).toEqual(new Date(clock.getTime() + 1000));
    later(1000);
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(flaky.posts).toHaveLength(1);
  });

  it('gives up after the last attempt and shows the delivery as dead until it is re-queued', async () => {
    const id = await enqueue();
    const broken = recordingPoster('slack', () => {
      throw new Error('HTTP 503');
    });
    for (let round = 0; round < 5; round += 1) {
      await worker(broken.poster).runOnce();
      later(60_000);
    }
    expect(broken.calls()).toBe(3);
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 503' });
    const problems = await createDeliveryQueue(handle.db).problems();
    expect(problems.map((problem) => [problem.id, problem.status, problem.lastError])).toEqual([
      [id, 'dead', 'HTTP 503'],
    ]);

    expect(await createDeliveryQueue(handle.db).requeue(id, clock)).toBe(true);
    const healthy = recordingPoster('slack');
    await worker(healthy.poster).runOnce();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('deactivates the channel on a permanent error, without retrying, and abandons what was queued for it', async () => {
    const first = await enqueue('digest:1');
    const second = await enqueue('digest:2');
    const gone = recordingPoster('slack', () => {
      throw new PermanentDeliveryError('channel_not_found');
    });
    const w = worker(gone.poster);
    await w.runOnce();
    later(3_600_000);
    await w.runOnce();
    expect(gone.calls()).toBeLessThanOrEqual(2);
    expect(await createChannelStore(handle.db).get(ref)).toMatchObject({
      active: false,
      inactiveReason: 'channel_not_found',
    });
    expect((await row(first))?.status).toBe('dead');
    expect((await row(second))?.status).toBe('dead');
    expect((await row(first))?.lastError).toContain('channel_not_found');
  });

  it('waits out a rate limit without counting it as an attempt', async () => {
    const id = await enqueue();
    const limited = recordingPoster('slack', (_message, call) => {
      if (call === 1) throw new RateLimitedError(30_000);
    });
    const w = worker(limited.poster);
    await w.runOnce();
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 0,
      nextAttemptAt: new Date(start.getTime() + 30_000),
    });
    later(29_000);
    expect(await w.runOnce()).toBe(0);
    later(1_000);
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('lets another worker finish a delivery whose worker died after claiming it, once, and says it may repeat', async () => {
    const id = await enqueue();
    // Worker A leases the delivery and dies before posting.
    await createDeliveryQueue(handle.db).take({
      owner: 'worker-a',
      now: clock,
      leaseMs: 60_000,
      limit: 10,
      platform: 'slack',
    });
    const slack = recordingPoster('slack');
    const { logger, lines } = capturingLogger();
    const b = worker(slack.poster, 'worker-b', logger);
    later(30_000);
    expect(await b.runOnce()).toBe(0);
    later(31_000);
    expect(await b.runOnce()).toBe(1);
    expect(slack.posts).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, leasedBy: 'worker-b' });
    expect(lines.some((line) => line.level === 'warn' && line.message.includes('may appear twice'))).toBe(
      true,
    );
  });

  it('resumes a multi-part message after the parts that went out', async () => {
    const id = await enqueue();
    const twoParts = recordingPoster('slack', () => {}, { parts: 3, failAfterPart: { call: 1, part: 0 } });
    const w = worker(twoParts.poster);
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'failed', partsSent: 1, messageIds: ['C1-0'] });
    later(10_000);
    await w.runOnce();
    expect(twoParts.posts.map((post) => post.part)).toEqual([0, 1, 2]);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      partsSent: 3,
      messageIds: ['C1-0', 'C1-1', 'C1-2'],
    });
  });

  it('renews its lease with each post, and stops posting once another worker took the delivery over', async () => {
    const id = await enqueue();
    const posted: string[] = [];
    const takenByB: number[] = [];
    const queue = createDeliveryQueue(handle.db);
    const takeAsB = async () =>
      takenByB.push(
        (await queue.take({ owner: 'worker-b', now: clock, leaseMs: 60_000, limit: 1, platform: 'slack' }))
          .length,
      );
    const slow: Poster = {
      platform: 'slack',
      supportsIdempotency: false,
      async post(message, onPartSent) {
        for (let part = message.partsSent; part < 3; part += 1) {
          posted.push(`part ${part}`);
          if (part === 0) later(50_000); // a slow post: the lease, taken at 0 s, is renewed at 50 s
          if (part === 1) {
            later(30_000);
            await takeAsB(); // 80 s: still leased to A thanks to the renewal
            later(40_000);
            await takeAsB(); // 120 s: A's renewed lease ran out; B takes over
          }
          await onPartSent(`ts-${part}`);
        }
      },
    };
    await worker(slow).runOnce();
    expect(takenByB).toEqual([0, 1]);
    expect(posted).toEqual(['part 0', 'part 1']);
    expect(await row(id)).toMatchObject({
      status: 'sending',
      leasedBy: 'worker-b',
      partsSent: 1,
      messageIds: ['ts-0'],
    });
  });

  it('releases its leases on stop so another replica can take over at once', async () => {
    const id = await enqueue();
    await createDeliveryQueue(handle.db).take({
      owner: 'worker-a',
      now: clock,
      leaseMs: 60_000,
      limit: 10,
      platform: 'slack',
    });
    await worker(recordingPoster('slack').poster, 'worker-a').stop(0);
    const slack = recordingPoster('slack');
    expect(await worker(slack.poster, 'worker-b').runOnce()).toBe(1);
    expect((await row(id))?.status).toBe('sent');
  });

  it('keeps posting other deliveries while a slow one holds its slot, then finishes it on stop', async () => {
    for (const key of ['slow', 'quick-1']) await enqueue(key);
    const posted: string[] = [];
    const { opened: held, open: release } = gate();
    const { opened: firstQuick, open: firstQuickPosted } = gate();
    const { opened: secondQuick, open: secondQuickPosted } = gate();
    const poster: Poster = {
      platform: 'slack',
      supportsIdempotency: false,
      async post(message, onPartSent) {
        const key = message.card.notices[0]?.text ?? '';
        if (key === 'slow') await held;
        posted.push(key);
        await onPartSent(`ts-${key}`);
        if (key === 'quick-1') firstQuickPosted();
        if (key === 'quick-2') secondQuickPosted();
      },
    };
    const w = worker(poster, 'worker-a', silentLogger, { concurrency: 2, pollMs: 10 });
    w.start();
    await firstQuick;
    // Queued while the slow one is still posting: a free slot takes it, no waiting for the slow one.
    await enqueue('quick-2');
    await secondQuick;
    expect(posted).toEqual(['quick-1', 'quick-2']);
    const stopped = w.stop(10_000);
    release();
    await stopped;
    expect(posted).toEqual(['quick-1', 'quick-2', 'slow']);
    const statuses = await handle.db.select({ status: deliveries.status }).from(deliveries);
    expect(statuses.map((entry) => entry.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('posts each delivery under a signal of its own, which stop aborts, so what a library leaves on it goes too', async () => {
    for (const key of ['first', 'second']) await enqueue(key);
    const signals: AbortSignal[] = [];
    const { opened: bothPosting, open: secondStarted } = gate();
    const poster: Poster = {
      platform: 'slack',
      supportsIdempotency: false,
      async post(_message, _onPartSent, signal) {
        if (!signal) throw new Error('no signal');
        // As discord.js's REST does: a listener per request, never removed.
        signal.addEventListener('abort', () => {});
        signals.push(signal);
        if (signals.length === 2) secondStarted();
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        throw new Error('stopped');
      },
    };
    const w = worker(poster, 'worker-a', silentLogger, { concurrency: 2, pollMs: 10 });
    w.start();
    await bothPosting;
    expect(signals[0]).not.toBe(signals[1]);
    expect(signals.some((signal) => signal.aborted)).toBe(false);
    await w.stop(10_000);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('gives each platform its own slots, so a held-back Slack delivery does not keep Discord waiting', async () => {
    const discordRef: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: '500' };
    await scheduledChannel(handle, discordRef, { schedule: daily('09:00') }, start);
    await enqueue('slack-held');
    await enqueue('discord-1', '500');
    const { opened: held, open: release } = gate();
    const slack: Poster = {
      platform: 'slack',
      supportsIdempotency: false,
      post: async (_message, onPartSent) => {
        await held;
        await onPartSent('ts-1');
      },
    };
    const discord = recordingPoster('discord');
    const { opened: posted, open: discordPosted } = gate();
    const discordPoster: Poster = {
      ...discord.poster,
      post: (message, onPartSent) => discord.poster.post(message, onPartSent).then(discordPosted),
    };
    const w = worker([slack, discordPoster], 'worker-a', silentLogger, { concurrency: 1, pollMs: 10 });
    w.start();
    await posted;
    expect(discord.posts.map((post) => post.key)).toEqual(['discord-1']);
    const stopped = w.stop(10_000);
    release();
    await stopped;
  });
});
