import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noticeCard } from '../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { type Poster, unlessAborted } from '../../src/core/delivery/poster.js';
import { silentLogger } from '../../src/core/logger.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { channels, deliveries } from '../../src/db/schema.js';
import { createDeliveryWorker } from '../../src/scheduler/delivery-worker.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { deliveryRounds } from '../helpers/delivery-rounds.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { capturingLogger, daily, gate, resetScheduling, scheduledChannel } from './scheduler-fixtures.js';

const slackRef: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const discordRef: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: '500' };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await resetScheduling(handle);
  for (const ref of [slackRef, discordRef])
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, new Date());
});

async function enqueue(ref: ChannelRef, key: string): Promise<number> {
  const [row] = await handle.db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.channelId, ref.channelId));
  const id = await createDeliveryQueue(handle.db).enqueue(
    {
      channelId: row?.id ?? 0,
      slotId: null,
      kind: 'digest',
      card: noticeCard({ tone: 'info', text: key }),
      idempotencyKey: key,
    },
    new Date(),
  );
  return id ?? 0;
}
const row = async (id: number) => (await handle.db.select().from(deliveries).where(eq(deliveries.id, id)))[0];

const options = (posters: Poster[], logger = silentLogger) => ({
  queue: createDeliveryQueue(handle.db),
  channels: createChannelStore(handle.db),
  posters,
  owner: 'worker-a',
  leaseMs: 60_000,
  maxAttempts: 3,
  logger,
  pollMs: 10,
});

/**
 * A paced, three-part Slack message, like a digest with threads: each post is recorded, then the next waits its
 * turn (here a minute, so shutdown always finds it waiting).
 */
function pacedPoster(posted: string[], onFirstPost: () => void): Poster {
  return {
    platform: 'slack',
    supportsIdempotency: false,
    async post(message, onPartSent, signal) {
      for (let part = message.partsSent; part < 3; part += 1) {
        if (part > message.partsSent) await unlessAborted(sleep(60_000), signal);
        posted.push(`part ${part}`);
        await onPartSent(`ts-${part}`);
        if (part === 0) onFirstPost();
      }
    },
  };
}

describe('stopping the delivery worker', () => {
  it('stops a post waiting its turn at once, keeps what went out, and hands the rest on without a repeat', async () => {
    const id = await enqueue(slackRef, 'digest:paced');
    const posted: string[] = [];
    const { opened: firstPosted, open } = gate();
    const worker = createDeliveryWorker(options([pacedPoster(posted, open)]));
    worker.start();
    await firstPosted;
    const stopping = performance.now();
    await worker.stop(10_000);
    expect(performance.now() - stopping).toBeLessThan(1000);
    const stopped = await row(id);
    expect(stopped).toMatchObject({ status: 'failed', partsSent: 1, messageIds: ['ts-0'], leaseUntil: null });
    // Due again at once, and the interrupted attempt does not count against DELIVERY_MAX_ATTEMPTS.
    expect(stopped?.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(stopped?.attempts).toBe(0);

    // Another replica (or the next start) resumes after the post that went out.
    const resumed: string[] = [];
    const quick: Poster = {
      platform: 'slack',
      supportsIdempotency: false,
      async post(message, onPartSent) {
        for (let part = message.partsSent; part < 3; part += 1) {
          resumed.push(`part ${part}`);
          await onPartSent(`ts-${part}`);
        }
      },
    };
    expect(await deliveryRounds({ ...options([quick]), owner: 'worker-b' }).runOnce()).toBe(1);
    expect([...posted, ...resumed]).toEqual(['part 0', 'part 1', 'part 2']);
    expect(await row(id)).toMatchObject({ status: 'sent', partsSent: 3 });
  });

  it('leaves a Slack post still unanswered at SHUTDOWN_TIMEOUT leased, and releases the rest', async () => {
    const unanswered = await enqueue(slackRef, 'digest:unanswered');
    const cut = await enqueue(discordRef, 'digest:cut');
    const { opened: bothPosting, open } = gate();
    let posting = 0;
    const started = () => {
      posting += 1;
      if (posting === 2) open();
    };
    // The Slack request never gets an answer; the Discord one is cut by the abort (its nonce makes that safe).
    const slack: Poster = {
      platform: 'slack',
      supportsIdempotency: false,
      post: () => {
        started();
        return new Promise<void>(() => {});
      },
    };
    const discord: Poster = {
      platform: 'discord',
      supportsIdempotency: true,
      post: (_message, _onPartSent, signal) => {
        started();
        return unlessAborted(new Promise<void>(() => {}), signal);
      },
    };
    const { logger, lines } = capturingLogger();
    const worker = createDeliveryWorker(options([slack, discord], logger));
    worker.start();
    await bothPosting;
    const stopping = performance.now();
    await worker.stop(300);
    expect(performance.now() - stopping).toBeLessThan(1500);
    const slackRow = await row(unanswered);
    expect(slackRow).toMatchObject({ status: 'sending', leasedBy: 'worker-a' });
    expect(slackRow?.leaseUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await row(cut)).toMatchObject({ status: 'failed', leaseUntil: null });
    expect(lines.some((line) => line.level === 'warn' && line.message.includes('still on the wire'))).toBe(
      true,
    );
  });
});
