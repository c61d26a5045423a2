import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createButtonCodec } from '../../../src/adapters/discord/buttons.js';
import { createDiscordPoster } from '../../../src/adapters/discord/discord-poster.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import { createInteractionHandler } from '../../../src/adapters/discord/interaction-handler.js';
import type { DiscordInteraction } from '../../../src/adapters/discord/interaction-schema.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { paperListCard } from '../../../src/core/cards/build-cards.js';
import type { Card } from '../../../src/core/cards/card.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { type Logger, silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { channels, deliveries } from '../../../src/db/schema.js';
import { createCountRedrawer } from '../../../src/scheduler/count-redrawer.js';
import { createChannelStore } from '../../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../../src/store/delivery-queue.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { deliveryRounds } from '../../helpers/delivery-rounds.js';
import { type FakeDiscord, type FakeMessage, startFakeDiscord } from '../../helpers/fake-discord.js';
import { componentLimitError } from '../../helpers/fake-discord-limits.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { APPLICATION_ID, botOn, componentInteraction, embedText, GUILD_ID, NOW } from './discord-fixtures.js';

const digestChannel: ChannelRef = {
  platform: 'discord',
  workspaceId: GUILD_ID,
  channelId: '530000000000000001',
};
const bigChannel: ChannelRef = {
  platform: 'discord',
  workspaceId: GUILD_ID,
  channelId: '530000000000000002',
};

let handle: DatabaseHandle;
let bot: BotDependencies;
let discord: FakeDiscord;
let clock = NOW;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
/** Lines the redrawer logged, to see what it says about a message it could not draw. */
const logged: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
const recordingLogger: Logger = {
  debug: () => {},
  info: (message, fields) => logged.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
  warn: (message, fields) => logged.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
  error: (message, fields) => logged.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  child: () => recordingLogger,
};

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  bot = await botOn(handle);
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
});
afterAll(async () => {
  await discord?.close();
  await handle?.close();
});

const poster = () => createDiscordPoster(createDiscordRest(discord.api, 'test-token'), silentLogger);
const redrawer = (posterToUse = poster()) =>
  createCountRedrawer({
    postedMessages: bot.postedMessages ?? assertDefined(),
    feedback: bot.feedback ?? assertDefined(),
    posters: [posterToUse],
    logger: recordingLogger,
    now: () => clock,
  });
function assertDefined(): never {
  throw new Error('the store bot dependencies have feedback and posted messages');
}

async function deliver(ref: ChannelRef, card: Card, key: string) {
  await createChannelStore(handle.db).ensure(ref);
  const [row] = await handle.db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.channelId, ref.channelId));
  const id = await createDeliveryQueue(handle.db).enqueue(
    { channelId: row?.id ?? 0, slotId: null, kind: 'digest', card, idempotencyKey: key },
    clock,
  );
  const worker = deliveryRounds({
    queue: createDeliveryQueue(handle.db),
    channels: createChannelStore(handle.db),
    posters: [poster()],
    postedMessages: bot.postedMessages,
    owner: 'worker-a',
    leaseMs: 60_000,
    maxAttempts: 3,
    logger: silentLogger,
    now: () => clock,
  });
  await worker.runOnce();
  const [delivery] = await handle.db
    .select()
    .from(deliveries)
    .where(eq(deliveries.id, id ?? 0));
  return delivery;
}

/** A click by `userId` through the real interaction handler (as either transport hands it over). */
async function vote(ref: ChannelRef, customId: string, userId: string) {
  const handler = createInteractionHandler({
    bot,
    rest: createDiscordRest(discord.api, 'test-token'),
    applicationId: APPLICATION_ID,
    buttons: createButtonCodec(),
    now: () => clock,
    deferAfterMs: 5000,
  });
  const body = {
    ...componentInteraction(customId, { token: `vote-${Math.random()}`, userId }),
    channel_id: ref.channelId,
  };
  const responses: unknown[] = [];
  await handler(body as unknown as DiscordInteraction, async (response) => {
    responses.push(response);
  });
  return responses;
}

type Row = { components: { custom_id: string; type: number }[] };
const customIds = (message: FakeMessage | undefined) =>
  ((message?.body.components ?? []) as Row[]).flatMap((row) => row.components.map((c) => c.custom_id));

describe('a Discord digest with feedback, posted and then redrawn', () => {
  let papers: string[] = [];
  let main: FakeMessage | undefined;
  let details: FakeMessage[] = [];

  beforeAll(async () => {
    const top = await bot.catalog.topOfDays('2026-07-13', '2026-07-13', 5);
    papers = top.map((paper) => paper.id);
    const card = {
      ...paperListCard('Your paper digest', 'Daily Papers of Mon, 13 Jul 2026', top),
      feedback: true,
    };
    const delivery = await deliver(digestChannel, card, 'digest:discord:redraw');
    expect(delivery?.status).toBe('sent');
    [main] = discord.messagesIn(digestChannel.channelId);
    details = discord.messagesIn(main?.id ?? '');
  });

  it('posts the list with a row of 👍 👎 🔖 per paper, and the thread with every paper’s buttons', async () => {
    expect(customIds(main)).toEqual(
      papers.flatMap((id) => [`f|fb1:r:${id}`, `f|fb1:n:${id}`, `f|fb1:s:${id}`]),
    );
    expect(details.length).toBeGreaterThan(0);
    expect(details.flatMap(customIds).filter((id) => id.startsWith('f|fb1:s:'))).toEqual(
      papers.map((id) => `f|fb1:s:${id}`),
    );
  });

  it('records what each post shows: the list, and the thread messages (one paper: per paper)', async () => {
    const recorded = await bot.postedMessages?.find(digestChannel, main?.id ?? '');
    expect(recorded?.card.items.map((item) => item.id)).toEqual(papers);
    expect(recorded?.perPaper).toBe(false);
    for (const message of details) {
      const part = await bot.postedMessages?.find(digestChannel, message.id);
      const shown = part?.card.items.map((item) => item.id) ?? [];
      expect(shown.length).toBe((message.body.embeds as unknown[]).length);
      expect(part?.perPaper).toBe(shown.length === 1);
    }
  });

  it('redraws the list and the thread message of a paper after votes, in place, with the same controls', async () => {
    const [first] = papers;
    advance(1000);
    await vote(digestChannel, `f|fb1:s:${first}`, '700000000000000001');
    await vote(digestChannel, `f|fb1:r:${first}`, '700000000000000002');
    await vote(digestChannel, `f|fb1:n:${first}`, '700000000000000003');
    const before = discord.edits.length;
    advance(1000);
    expect(await redrawer().round()).toBe(2);
    const edits = discord.edits.slice(before);
    const detail = details.find((message) => customIds(message).includes(`f|fb1:s:${first}`));
    expect(edits.map((edit) => `${edit.channelId}/${edit.messageId}`).sort()).toEqual(
      [`${digestChannel.channelId}/${main?.id}`, `${main?.id}/${detail?.id}`].sort(),
    );
    const list = edits.find((edit) => edit.messageId === main?.id)?.body ?? {};
    expect(embedText(list).split('\n')[2]).toMatch(/^1\. .* · 🔖 1 · 👍 1$/);
    expect(embedText(list)).not.toContain('👎');
    expect(list.components).toEqual(main?.body.components);
    expect(list.nonce).toBeUndefined();
    expect(list.allowed_mentions).toEqual({ parse: [] });
    const thread = edits.find((edit) => edit.messageId === detail?.id)?.body ?? {};
    expect(embedText(thread)).toContain('Stats: ');
    expect(embedText(thread)).toContain('🔖 1 · 👍 1');
    expect(thread.components).toEqual(detail?.body.components);
  });

  it('draws a message at most once per interval, however many votes arrive', async () => {
    const [first, second] = papers;
    const threadOf = (id: string | undefined) =>
      details.find((message) => customIds(message).includes(`f|fb1:s:${id}`))?.id;
    expect(await redrawer().round()).toBe(0);
    advance(1000);
    await vote(digestChannel, `f|fb1:s:${second}`, '700000000000000001');
    // The list was drawn a second ago; the second paper's thread message too if it is the first paper's.
    const neverDrawn = threadOf(second) === threadOf(first) ? 0 : 1;
    expect(await redrawer().round()).toBe(neverDrawn);
    advance(1000);
    await vote(digestChannel, `f|fb1:s:${second}`, '700000000000000002');
    expect(await redrawer().round()).toBe(0);
    advance(5000);
    const before = discord.edits.length;
    expect(await redrawer().round()).toBe(2);
    expect(await redrawer().round()).toBe(0);
    const last = discord.edits.slice(before).find((edit) => edit.messageId === main?.id);
    expect(embedText(last?.body ?? {}).split('\n')[3]).toMatch(/^2\. .* · 🔖 2$/);
  });

  it('tries again after a long 429 (RateLimitedError), and logs a message that was deleted', async () => {
    const [, , third] = papers;
    advance(10_000);
    discord.rateLimitEdits(digestChannel.channelId, 120);
    await vote(digestChannel, `f|fb1:s:${third}`, '700000000000000001');
    const before = discord.edits.length;
    // The thread message is drawn; the list hits the 429, and is due again after the interval.
    expect(await redrawer().round()).toBe(2);
    expect(discord.edits.slice(before).map((edit) => edit.messageId)).not.toContain(main?.id);
    expect(logged.some((line) => line.message.startsWith('rate limited while redrawing counts'))).toBe(true);
    advance(5000);
    // A new REST client: discord.js remembers the 429 of the first for its 120 s.
    expect(await redrawer().round()).toBe(1);
    expect(discord.edits.at(-1)?.messageId).toBe(main?.id);

    const index = discord.messages.findIndex((message) => message.id === main?.id);
    discord.messages.splice(index, 1);
    advance(10_000);
    await vote(digestChannel, `f|fb1:r:${third}`, '700000000000000004');
    await expect(redrawer().round()).resolves.toBe(2);
    const warning = logged.find((line) => line.message === 'could not redraw the counts of a message');
    expect(warning?.fields).toMatchObject({
      message: main?.id,
      error: expect.objectContaining({ code: 'editRefused', reason: '10008 Unknown Message' }),
    });
  });
});

describe('a long Discord digest with feedback', () => {
  it('posts 40 papers within 5 rows of 5 components per message, every paper with its three controls', async () => {
    const ids = [...new Set(fixtureCorpus().map((paper) => paper.id))].slice(0, 40);
    const all = await createPaperStore(handle.db).getPapers(ids);
    expect(all).toHaveLength(40);
    expect(all.length).toBe(40);
    const card = { ...paperListCard('Your paper digest', '40 papers', all), feedback: true };
    const delivery = await deliver(bigChannel, card, 'digest:discord:big');
    expect(delivery?.status).toBe('sent');
    const posted = discord.messagesIn(bigChannel.channelId);
    expect(posted.length).toBe(2);
    const thread = discord.messagesIn(posted[0]?.id ?? '');
    for (const message of [...posted, ...thread]) {
      expect(componentLimitError(message.body.components)).toBeNull();
      expect((message.body.components as unknown[]).length).toBeLessThanOrEqual(5);
    }
    const values = (messages: FakeMessage[]) =>
      messages.flatMap((message) =>
        (
          (message.body.components ?? []) as {
            components: { custom_id: string; options?: { value: string }[] }[];
          }[]
        )
          .flatMap((row) => row.components)
          .flatMap((control) =>
            control.options ? control.options.map((option) => option.value) : [control.custom_id.slice(2)],
          ),
      );
    expect(new Set(values(posted)).size).toBe(120);
    expect(new Set(values(thread)).size).toBe(120);
  });
});
