import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import { DisallowedIntentsError } from '../../../src/adapters/discord/discord-errors.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { createPaperLookups } from '../../../src/ingest/paper-lookups.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createSharedPaperStore } from '../../../src/store/shared-paper-store.js';
import { arxivIdLookup } from '../../helpers/fake-arxiv-ids.js';
import { type FakeDiscord, type FakeMessage, startFakeDiscord } from '../../helpers/fake-discord.js';
import { type FakeUpstream, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../helpers/test-database.js';
import { virtualArxiv } from '../../helpers/virtual-arxiv.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import {
  APPLICATION_ID,
  AUTHOR_ID,
  adapterContext,
  botOn,
  CHANNEL_ID,
  channelMessage,
  discordConfig,
  embedText,
  eventually,
  GUILD_ID,
} from './discord-fixtures.js';

const HELIX = '2606.93392';
const GRIDLOCK = '2606.93681';
const INVENTED = { id: '2606.90011', title: 'Gossip Protocols for Swarms of Cheap Drones' };
const VOICE_CHANNEL = '500000000000000099';
const channel: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };

let handle: TestDatabase;
let upstream: FakeUpstream;
let bot: BotDependencies;
/** The app has Message Content switched on in the Developer Portal. */
let discord: FakeDiscord;
/** Reads messages (`DISCORD_MESSAGE_CONTENT=true`), and one that does not, on the same Discord. */
let reading: ChatAdapter;
let notReading: ChatAdapter;
let messageIds = 0;

beforeAll(async () => {
  handle = await openTestDatabase(postgresUrl ? 'postgres' : 'pglite');
  upstream = await startFakeUpstream();
  upstream.route('/api/query', arxivIdLookup([INVENTED]));
  const lookups = createPaperLookups({
    arxiv: virtualArxiv(upstream.url).arxiv,
    papers: createPaperStore(handle.db),
    logger: silentLogger,
  });
  bot = { ...(await botOn(handle)), lookupPapers: lookups.lookup };
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID, privilegedIntents: ['MessageContent'] });
  const adapter = (env: Record<string, string>) =>
    createDiscordAdapter(
      adapterContext(
        discordConfig({ DISCORD_API_URL: discord.api, ...env }),
        handle,
        bot,
        createHttpServer(silentLogger),
      ),
    );
  notReading = adapter({});
  reading = adapter({ DISCORD_MESSAGE_CONTENT: 'true' });
  await notReading.start();
  await reading.start();
});
afterAll(async () => {
  await reading?.stop();
  await notReading?.stop();
  await discord?.close();
  await upstream?.close();
  await handle?.close();
});

/** A new message id for each message a test writes. */
const nextId = () => {
  messageIds += 1;
  return String(920_000_000_000_000_000n + BigInt(messageIds));
};

/** A person (or bot) writes in the channel: Discord's MESSAGE_CREATE, with the guild and the member. */
function write(content: string, extra: Parameters<typeof channelMessage>[1] = {}) {
  const message = {
    ...channelMessage(content, { id: nextId(), guildId: GUILD_ID, ...extra }),
    member: { roles: [] },
  };
  discord.gateway.dispatch('MESSAGE_CREATE', message);
  return message;
}

type Reference = { message_id: string; channel_id: string; guild_id: string; fail_if_not_exists: boolean };
const repliesTo = (messageId: string): FakeMessage[] =>
  discord.messages.filter(
    (message) => (message.body.message_reference as Reference | undefined)?.message_id === messageId,
  );
const replyTo = (messageId: string) => eventually(async () => repliesTo(messageId)[0]);
const titles = (message: { body: Record<string, unknown> }) =>
  ((message.body.embeds ?? []) as { title?: string }[]).map((embed) => embed.title);

describe('cards for the paper links people post (DISCORD_MESSAGE_CONTENT)', () => {
  it('asks for no message intent unless it is set, and for GuildMessages and Message Content when it is', () => {
    const intents = discord.gateway.identified.map((identify) => (identify as { intents: number }).intents);
    expect(intents).toEqual([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
    ]);
  });

  it("replies to a person's message with a card per paper, pinging nobody, and records who shared them", async () => {
    const message = write(
      `two good ones: https://arxiv.org/abs/${HELIX}v1 and <https://huggingface.co/papers/${GRIDLOCK}>`,
    );
    const reply = await replyTo(message.id);
    expect(reply.channel_id).toBe(CHANNEL_ID);
    expect(reply.body.message_reference).toEqual({
      message_id: message.id,
      channel_id: CHANNEL_ID,
      guild_id: GUILD_ID,
      fail_if_not_exists: false,
    });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(titles(reply)).toEqual([
      'Helix: Sparse Attention for Genome-Scale DNA Language Models',
      expect.stringMatching(/^Gridlock: /),
    ]);
    const controls = (reply.body.components as { components: { custom_id: string }[] }[]).flatMap(
      (row) => row.components,
    );
    expect(controls.map((control) => control.custom_id)).toContain(`f|fb1:s:${GRIDLOCK}`);
    const shares = await createSharedPaperStore(handle.db).find(channel, [HELIX, GRIDLOCK]);
    expect(shares.get(GRIDLOCK)).toMatchObject({
      userId: AUTHOR_ID,
      messageId: message.id,
      link: `https://discord.com/channels/${GUILD_ID}/${CHANNEL_ID}/${message.id}`,
    });
    // The reply is recorded, so votes on it redraw its counts.
    const posted = await eventually(
      () => bot.postedMessages?.find(channel, reply.id) ?? Promise.resolve(null),
    );
    expect(posted.card.items.map((item) => item.id)).toEqual([HELIX, GRIDLOCK]);
    // Only the adapter that reads messages got it: one reply.
    expect(repliesTo(message.id)).toHaveLength(1);
  });

  it('answers a message delivered twice once', async () => {
    const message = write(`https://arxiv.org/abs/${HELIX}`);
    discord.gateway.dispatch('MESSAGE_CREATE', message);
    await replyTo(message.id);
    const sentinel = write(`https://arxiv.org/abs/${GRIDLOCK}`);
    await replyTo(sentinel.id);
    expect(repliesTo(message.id)).toHaveLength(1);
  });

  it('replies to bots, webhooks, itself, system messages, other kinds of channel and messages without links never', async () => {
    discord.gateway.dispatch('GUILD_CREATE', {
      id: GUILD_ID,
      name: 'Reading group',
      unavailable: false,
      owner_id: '700000000000000001',
      channels: [
        {
          id: CHANNEL_ID,
          type: 0,
          name: 'papers',
          guild_id: GUILD_ID,
          position: 0,
          permission_overwrites: [],
        },
        {
          id: VOICE_CHANNEL,
          type: 2,
          name: 'voice',
          guild_id: GUILD_ID,
          position: 1,
          permission_overwrites: [],
        },
      ],
      threads: [],
      roles: [],
      members: [],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      features: [],
      member_count: 2,
    });
    const link = `https://arxiv.org/abs/${HELIX}`;
    const ignored = [
      write(link, { authorId: '300000000000000077', bot: true }),
      write(link, { authorId: '300000000000000078', webhookId: '880000000000000001' }),
      write(link, { authorId: discord.gateway.botUserId, bot: true }),
      write(link, { type: 6 }),
      write(link, { channelId: VOICE_CHANNEL }),
      write('nothing to read here, see https://example.com'),
    ];
    // A message that does get a reply, after all of them: when it is answered, the others were skipped.
    const sentinel = write(`https://huggingface.co/papers/${GRIDLOCK}`);
    await replyTo(sentinel.id);
    for (const message of ignored) expect(repliesTo(message.id)).toEqual([]);
  });

  it('adds a paper arXiv had to be asked for to its reply, by an edit, once it is in', async () => {
    const message = write(`https://arxiv.org/abs/${INVENTED.id} builds on https://arxiv.org/abs/${HELIX}`);
    const reply = await replyTo(message.id);
    const edit = await eventually(async () => discord.edits.find((entry) => entry.messageId === reply.id));
    expect(titles(edit)).toEqual([
      INVENTED.title,
      'Helix: Sparse Attention for Genome-Scale DNA Language Models',
    ]);
    expect(upstream.requestsTo('/api/query').map((request) => request.query.id_list)).toEqual([INVENTED.id]);
    expect(
      (await createSharedPaperStore(handle.db).find(channel, [INVENTED.id])).get(INVENTED.id)?.messageId,
    ).toBe(message.id);
    const posted = await eventually(async () => {
      const found = await bot.postedMessages?.find(channel, reply.id);
      return found?.card.items.length === 2 ? found : null;
    });
    expect(posted.card.items.map((item) => item.id)).toEqual([INVENTED.id, HELIX]);
  });

  it('waits out a rate limit on the channel and then replies', async () => {
    discord.rateLimit(CHANNEL_ID, 0.3, 1);
    const message = write(`https://arxiv.org/abs/${GRIDLOCK}`);
    const reply = await replyTo(message.id);
    expect(titles(reply)).toEqual([expect.stringMatching(/^Gridlock: /)]);
    const posts = discord.calls.filter(
      (call) =>
        call.method === 'POST' &&
        call.path === `/channels/${CHANNEL_ID}/messages` &&
        (call.body as { message_reference?: Reference }).message_reference?.message_id === message.id,
    );
    // The first got the 429; discord.js waited and sent it again.
    expect(posts).toHaveLength(2);
  });

  it('replies with the looked-up cards alone when no paper of the message was stored', async () => {
    const message = write(`again: arxiv.org/abs/${INVENTED.id}`);
    const reply = await replyTo(message.id);
    expect(titles(reply)).toEqual([INVENTED.title]);
    expect(embedText(reply.body)).toContain(`arXiv ${INVENTED.id}`);
  });
});

describe('a bot without the Message Content intent', () => {
  it('is refused with 4014, and the log says to enable the intent in the Developer Portal or unset the setting', async () => {
    const refusing = await startFakeDiscord({ applicationId: APPLICATION_ID });
    const { logger, lines } = capturingLogger();
    const adapter = createDiscordAdapter({
      ...adapterContext(
        discordConfig({ DISCORD_API_URL: refusing.api, DISCORD_MESSAGE_CONTENT: 'true' }),
        handle,
        bot,
        createHttpServer(silentLogger),
      ),
      logger,
    });
    try {
      await expect(adapter.start()).rejects.toBeInstanceOf(DisallowedIntentsError);
      expect(refusing.gateway.refused).toEqual([
        {
          intents:
            GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
          code: 4014,
        },
      ]);
      const said = lines.filter((line) => line.level === 'error').map((line) => line.message);
      expect(said).toEqual([
        expect.stringMatching(
          /close code 4014.*Enable it in the Discord Developer Portal \(your application > Bot > Privileged Gateway Intents > Message Content Intent, and save\), or unset DISCORD_MESSAGE_CONTENT\.$/,
        ),
      ]);
    } finally {
      await adapter.stop();
      await refusing.close();
    }
  });
});
