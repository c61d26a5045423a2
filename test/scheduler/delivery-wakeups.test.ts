import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { noticeCard } from '../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { type Poster, RateLimitedError } from '../../src/core/delivery/poster.js';
import { silentLogger } from '../../src/core/logger.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { channels } from '../../src/db/schema.js';
import { createDeliveryWorker, type DeliveryWorker } from '../../src/scheduler/delivery-worker.js';
import { wakeOnDeliveries } from '../../src/scheduler/wake-on-deliveries.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { daily, gate, resetScheduling, scheduledChannel } from './scheduler-fixtures.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
/** Far longer than any wait below: a delivery posted in time was not found by polling. */
const POLL_MS = 120_000;
/** A generous bound for a wake-up that takes milliseconds. */
const PROMPTLY_MS = 3_000;

/** A poster that tells, with the time, each delivery it posted; `behave` may throw as a platform would. */
function timedPoster(behave: (call: number) => void = () => {}) {
  const posted: { key: string; at: number }[] = [];
  const waiting: { key: string; open: () => void }[] = [];
  let calls = 0;
  const poster: Poster = {
    platform: 'slack',
    supportsIdempotency: false,
    async post(message, onPartSent) {
      calls += 1;
      behave(calls);
      posted.push({ key: message.idempotencyKey, at: performance.now() });
      await onPartSent(`ts-${calls}`);
      for (const waiter of waiting.filter((entry) => entry.key === message.idempotencyKey)) waiter.open();
    },
  };
  const postedOf = (key: string) => {
    const { opened, open } = gate();
    if (posted.some((entry) => entry.key === key)) open();
    else waiting.push({ key, open });
    return opened;
  };
  return { poster, posted, postedOf, calls: () => calls };
}

/** Resolves with the promise's value, or fails the test after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describeEachDatabase('the delivery worker wakes when work arrives', (driver) => {
  let handle: TestDatabase;
  /** Another replica's connections (its own pool on Postgres; the same database on PGlite, a single process). */
  let other: DatabaseHandle;
  let worker: DeliveryWorker | undefined;
  let wakes: { stop(): Promise<void> } | undefined;
  let channelId = 0;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    other = handle.url ? await openDatabase({ url: handle.url, migrate: false }) : handle;
  });
  afterAll(async () => {
    if (other !== handle) await other?.close();
    await handle?.close();
  });
  beforeEach(async () => {
    await resetScheduling(handle);
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, new Date());
    const [row] = await handle.db
      .select({ id: channels.id })
      .from(channels)
      .where(eq(channels.channelId, 'C1'));
    channelId = row?.id ?? 0;
  });
  afterEach(async () => {
    await wakes?.stop();
    await worker?.stop(1000);
    worker = undefined;
    wakes = undefined;
  });

  const start = (poster: Poster) => {
    worker = createDeliveryWorker({
      queue: createDeliveryQueue(handle.db),
      channels: createChannelStore(handle.db),
      posters: [poster],
      owner: 'worker-a',
      leaseMs: 60_000,
      maxAttempts: 3,
      logger: silentLogger,
      pollMs: POLL_MS,
    });
    worker.start();
    wakes = wakeOnDeliveries(handle, worker, silentLogger);
  };
  const enqueue = (key: string, on: DatabaseHandle = other) =>
    createDeliveryQueue(on.db).enqueue(
      {
        channelId,
        slotId: null,
        kind: 'digest',
        card: noticeCard({ tone: 'info', text: key }),
        idempotencyKey: key,
      },
      new Date(),
    );

  it('posts a delivery queued by another replica at once, without waiting for its poll', async () => {
    const slack = timedPoster();
    start(slack.poster);
    // Let the worker's first look (an empty queue) pass, so only a wake-up can find the delivery.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const queued = performance.now();
    await enqueue('digest:woken');
    await within(slack.postedOf('digest:woken'), PROMPTLY_MS, 'the post');
    expect((slack.posted[0]?.at ?? Number.POSITIVE_INFINITY) - queued).toBeLessThan(PROMPTLY_MS);
  });

  it('takes a rate-limited delivery again at its time, not at the next poll', async () => {
    const slack = timedPoster((call) => {
      if (call === 1) throw new RateLimitedError(300);
    });
    start(slack.poster);
    await enqueue('digest:limited');
    await within(slack.postedOf('digest:limited'), PROMPTLY_MS, 'the retry');
    expect(slack.calls()).toBe(2);
  });

  it('takes over a delivery whose lease ran out (its replica died) when the lease ends', async () => {
    await enqueue('digest:orphaned');
    const [leased] = await createDeliveryQueue(other.db).take({
      owner: 'dead-replica',
      now: new Date(),
      leaseMs: 400,
      limit: 1,
      platform: 'slack',
    });
    expect(leased?.idempotencyKey).toBe('digest:orphaned');
    const slack = timedPoster();
    start(slack.poster);
    await within(slack.postedOf('digest:orphaned'), PROMPTLY_MS, 'the takeover');
  });
});
