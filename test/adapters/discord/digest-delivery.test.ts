import { DiscordAPIError } from 'discord.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDiscordError } from '../../../src/adapters/discord/discord-errors.js';
import { createDiscordPoster } from '../../../src/adapters/discord/discord-poster.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import { paperListCard } from '../../../src/core/cards/build-cards.js';
import type { Card } from '../../../src/core/cards/card.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { PermanentDeliveryError, RateLimitedError } from '../../../src/core/delivery/poster.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { channels, deliveries } from '../../../src/db/schema.js';
import { createChannelStore } from '../../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../../src/store/delivery-queue.js';
import { deliveryRounds } from '../../helpers/delivery-rounds.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { APPLICATION_ID, botOn, GUILD_ID, NOW } from './discord-fixtures.js';

const ok: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: '510000000000000001' };
const forbidden: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: '510000000000000002' };
const limited: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: '510000000000000003' };

let handle: DatabaseHandle;
let discord: FakeDiscord;
let card: Card;

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  const bot = await botOn(handle);
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const papers = await bot.catalog.topOfDays('2026-07-13', '2026-07-13', 5);
  card = paperListCard('Your paper digest', 'Daily Papers of Mon, 13 Jul 2026 · 5 trending', papers);
});
afterAll(async () => {
  await discord?.close();
  await handle?.close();
});

async function enqueue(ref: ChannelRef): Promise<number> {
  await createChannelStore(handle.db).ensure(ref);
  const [row] = await handle.db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.channelId, ref.channelId));
  const id = await createDeliveryQueue(handle.db).enqueue(
    {
      channelId: row?.id ?? 0,
      slotId: null,
      kind: 'digest',
      card,
      idempotencyKey: `digest:discord:${ref.channelId}:2026-07-14T09:00Z`,
    },
    NOW,
  );
  return id ?? 0;
}

describe('posting a digest to three Discord channels through the delivery worker', () => {
  it('deactivates the channel answering 50001, delivers the rate-limited one after the wait, and never posts twice', async () => {
    discord.fail(forbidden.channelId, { status: 403, code: 50001, message: 'Missing Access' });
    discord.rateLimit(limited.channelId, 0.3);
    const ids = [await enqueue(ok), await enqueue(forbidden), await enqueue(limited)];
    const poster = createDiscordPoster(createDiscordRest(discord.api, 'test-token'), silentLogger);
    const worker = deliveryRounds({
      queue: createDeliveryQueue(handle.db),
      channels: createChannelStore(handle.db),
      posters: [poster],
      owner: 'worker-a',
      leaseMs: 60_000,
      maxAttempts: 3,
      logger: silentLogger,
      now: () => NOW,
    });
    expect(await worker.runOnce()).toBe(3);

    const rows = await handle.db.select().from(deliveries);
    const status = (id: number | undefined) => rows.find((row) => row.id === id)?.status;
    expect([status(ids[0]), status(ids[1]), status(ids[2])]).toEqual(['sent', 'dead', 'sent']);
    const store = createChannelStore(handle.db);
    expect(await store.get(forbidden)).toMatchObject({
      active: false,
      inactiveReason: '50001 Missing Access',
    });
    expect((await store.get(limited))?.active).toBe(true);

    // The rate-limited channel got a 429 first and its digest after the wait, once.
    const limitedPosts = discord.calls.filter(
      (call) => call.path === `/channels/${limited.channelId}/messages`,
    );
    expect(limitedPosts.length).toBe(2);
    expect(discord.messagesIn(limited.channelId)).toHaveLength(1);
    // Thread mode (the default): the digest list, then each paper's details in a thread started from it.
    const [digest] = discord.messagesIn(ok.channelId);
    expect(discord.messagesIn(ok.channelId)).toHaveLength(1);
    expect(
      discord.calls.some((call) => call.path === `/channels/${ok.channelId}/messages/${digest?.id}/threads`),
    ).toBe(true);
    const details = discord.messagesIn(digest?.id ?? '');
    expect(details.flatMap((message) => message.body.embeds as unknown[])).toHaveLength(5);
    for (const message of discord.messages) {
      expect(message.body.allowed_mentions).toEqual({ parse: [] });
      expect(message.body.enforce_nonce).toBe(true);
    }

    // A worker that crashed before recording its posts sends them all again: the nonces make Discord drop them.
    const before = discord.messages.length;
    const row = rows.find((candidate) => candidate.id === ids[0]);
    const channel = await store.get(ok);
    const recorded: string[] = [];
    await poster.post(
      {
        channel: channel!,
        card,
        threads: true,
        idempotencyKey: `digest:discord:${ok.channelId}:2026-07-14T09:00Z`,
        partsSent: 0,
        messageIds: [],
      },
      async (id) => {
        recorded.push(id);
      },
    );
    expect(discord.messages.length).toBe(before);
    expect(recorded).toEqual(row?.messageIds);
  });
});

describe('the Discord poster', () => {
  it('hands a long 429 wait to the delivery worker as RateLimitedError instead of sleeping through it', async () => {
    const channelId = '520000000000000001';
    discord.rateLimit(channelId, 120);
    const poster = createDiscordPoster(createDiscordRest(discord.api, 'test-token'), silentLogger);
    const channel = await createChannelStore(handle.db).ensure({
      platform: 'discord',
      workspaceId: GUILD_ID,
      channelId,
    });
    const attempt = poster.post(
      { channel, card, threads: false, idempotencyKey: 'alert:1', partsSent: 0, messageIds: [] },
      async () => {},
    );
    await expect(attempt).rejects.toBeInstanceOf(RateLimitedError);
    await expect(attempt).rejects.toMatchObject({ retryAfterMs: expect.any(Number) });
    expect(discord.messagesIn(channelId)).toHaveLength(0);
  });

  it('classifies Unknown Channel, Unknown Guild and Missing Permissions as permanent, and a 500 as retryable', () => {
    const apiError = (code: number, status: number) =>
      new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', 'https://discord.test', {});
    for (const code of [10003, 10004, 50001, 50013]) {
      expect(classifyDiscordError(apiError(code, 403))).toBeInstanceOf(PermanentDeliveryError);
    }
    const serverError = apiError(0, 500);
    expect(classifyDiscordError(serverError)).toBe(serverError);
  });
});
