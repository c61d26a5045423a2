import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createButtonCodec } from '../../../src/adapters/discord/buttons.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import { createInteractionHandler } from '../../../src/adapters/discord/interaction-handler.js';
import type { DiscordInteraction } from '../../../src/adapters/discord/interaction-schema.js';
import type { InteractionResponse } from '../../../src/adapters/discord/interaction-types.js';
import { NO_PAPER_LINKS, NO_PAPERS_FOUND } from '../../../src/adapters/discord/link-card-messages.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { createPaperLookups } from '../../../src/ingest/paper-lookups.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createSharedPaperStore } from '../../../src/store/shared-paper-store.js';
import { arxivIdLookup, type InventedArxivPaper } from '../../helpers/fake-arxiv-ids.js';
import { type FakeDiscord, type SeenAnswer, startFakeDiscord } from '../../helpers/fake-discord.js';
import type { FakeHandler, FakeUpstream } from '../../helpers/fake-upstream.js';
import { startFakeUpstream } from '../../helpers/fake-upstream.js';
import { DISCORD_PAYLOAD, readDiscordJson } from '../../helpers/recorded-discord-payloads.js';
import { describeRecorded } from '../../helpers/shared-data.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../helpers/test-database.js';
import { virtualArxiv } from '../../helpers/virtual-arxiv.js';
import {
  APPLICATION_ID,
  AUTHOR_ID,
  adapterContext,
  botOn,
  CHANNEL_ID,
  channelMessage,
  componentInteraction,
  componentsOf,
  discordConfig,
  embedText,
  eventually,
  GUILD_ID,
  MEMBER_ID,
  messageCommandInteraction,
  NOW,
  sendSigned,
  TARGET_MESSAGE_ID,
  testKeyPair,
} from './discord-fixtures.js';

const EPHEMERAL = 64;
const channel: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
const messageUrl = (messageId: string, channelId = CHANNEL_ID, guildId = GUILD_ID) =>
  `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;

/** Papers arXiv knows and the store does not (invented). */
const ON_ARXIV: InventedArxivPaper[] = [
  { id: '2606.90001', title: 'Sparse Routers for Tiny Translators', authors: ['Ines Okafor', 'Lev Brandt'] },
  { id: '2606.90002', title: 'Counting Bees With Event Cameras' },
];

let handle: TestDatabase;
let upstream: FakeUpstream;
let discord: FakeDiscord;
let bot: BotDependencies;
let http: HttpServer;
let adapters: ChatAdapter[] = [];
let url = '';
let privateKey: KeyObject;
/** What the fake arXiv answers; a test may slow it down or break it. */
let arxiv: FakeHandler = arxivIdLookup(ON_ARXIV);
let tokens = 0;

beforeAll(async () => {
  // One database for the file: Postgres when DATABASE_URL is set, else PGlite.
  handle = await openTestDatabase(postgresUrl ? 'postgres' : 'pglite');
  upstream = await startFakeUpstream();
  upstream.route('/api/query', (request) => arxiv(request));
  const lookups = createPaperLookups({
    arxiv: virtualArxiv(upstream.url).arxiv,
    papers: createPaperStore(handle.db),
    logger: silentLogger,
  });
  bot = { ...(await botOn(handle)), lookupPapers: lookups.lookup };
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const keys = testKeyPair();
  privateKey = keys.privateKey;
  http = createHttpServer(silentLogger);
  const overHttp = discordConfig({
    DISCORD_API_URL: discord.api,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_GATEWAY: 'false',
  });
  const overGateway = discordConfig({ DISCORD_API_URL: discord.api });
  adapters = [
    createDiscordAdapter(adapterContext(overHttp, handle, bot, http)),
    createDiscordAdapter(adapterContext(overGateway, handle, bot, createHttpServer(silentLogger))),
  ];
  for (const adapter of adapters) await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/discord/interactions`;
});
afterAll(async () => {
  for (const adapter of adapters) await adapter.stop();
  await http?.close();
  await discord?.close();
  await upstream?.close();
  await handle?.close();
});

const harness = () => ({ discord, url, privateKey, now: () => NOW });
const nextToken = () => {
  tokens += 1;
  return `card-token-${tokens}`;
};

/** Runs "Paper card" on a message over signed HTTP: the initial response, what the user sees, how long it took. */
async function paperCard(message: ReturnType<typeof channelMessage>) {
  const body = messageCommandInteraction(message, { token: nextToken() });
  const started = Date.now();
  const initial = await sendSigned(harness(), body);
  const seen = await discord.answerFor(body.token, initial);
  return { body, initial, seen, ms: Date.now() - started };
}

type Embed = { title?: string; url?: string; description?: string; footer?: { text: string } };
const embedsOf = (answer: SeenAnswer): Embed[] => answer.data.embeds ?? [];
const titles = (answer: SeenAnswer) => embedsOf(answer).map((embed) => embed.title);
const sharesOf = (paperIds: string[], where: ChannelRef = channel) =>
  createSharedPaperStore(handle.db).find(where, paperIds);
const arxivAsked = () =>
  upstream.requestsTo('/api/query').flatMap((request) => request.query.id_list?.split(',') ?? []);

const HELIX = '2606.93392';
const GRIDLOCK = '2606.93681';
const SHELF = '2606.92730';
const LOOMWORK = '2606.98063';
const LORA_TUNE = '2606.95961';

describe('the "Paper card" message command', () => {
  it('answers with one card per stored paper, in the order linked, whatever the form of the link, for the channel', async () => {
    const message = channelMessage(
      [
        `Reading list: https://arxiv.org/abs/${HELIX}v2, arxiv.org/pdf/${GRIDLOCK}v1`,
        `<https://huggingface.co/papers/${SHELF}> and https://www.alphaxiv.org/abs/${LOOMWORK}`,
        `plus https://doi.org/10.48550/arXiv.${LORA_TUNE} (and again https://arxiv.org/pdf/${HELIX}).`,
      ].join('\n'),
    );
    const { initial, seen, ms } = await paperCard(message);
    expect(ms).toBeLessThan(3000);
    expect([4, 5]).toContain(initial.type);
    expect(initial.data?.flags ?? 0).toBe(0);
    expect(seen.flags).toBe(0);
    expect(titles(seen)).toEqual([
      'Helix: Sparse Attention for Genome-Scale DNA Language Models',
      expect.stringMatching(/^Gridlock: /),
      expect.stringMatching(/^Shelf-Ready\? /),
      expect.stringMatching(/^Loomwork: /),
      expect.stringMatching(/^LoRA-Tune: /),
    ]);
    expect(seen.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const [helix] = embedsOf(seen);
    expect(helix?.url).toBe(`https://huggingface.co/papers/${HELIX}`);
    expect(helix?.footer?.text).toBe(`arXiv ${HELIX}`);
    // Authors, then date, upvotes and code with its stars, then the one-line summary and what kind it is.
    const lines = (helix?.description ?? '').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('-# AI summary (Hugging Face)');
    expect(lines[0]).toMatch(/^\*.+\*$/);
    expect(lines[1]).toBe('2026-06-12 · ▲ 103 · [Code](https://github.com/helix-dna/helix) ★ 412');
    // A row of 👍 👎 🔖 per paper, the first button naming it.
    const rows = seen.data.components as { components: { custom_id: string; label?: string }[] }[];
    expect(rows).toHaveLength(5);
    expect(rows[0]?.components.map((button) => button.custom_id)).toEqual([
      `f|fb1:r:${HELIX}`,
      `f|fb1:n:${HELIX}`,
      `f|fb1:s:${HELIX}`,
    ]);
    expect(rows[0]?.components[0]?.label).toMatch(/^1\. Helix/);
    // Nothing was looked up: every paper was stored.
    expect(arxivAsked()).toEqual([]);
    const shares = await sharesOf([HELIX, GRIDLOCK, SHELF, LOOMWORK, LORA_TUNE]);
    expect([...shares.keys()].sort()).toEqual([GRIDLOCK, HELIX, LORA_TUNE, LOOMWORK, SHELF].sort());
    for (const share of shares.values()) {
      expect(share).toMatchObject({
        userId: AUTHOR_ID,
        messageId: TARGET_MESSAGE_ID,
        link: messageUrl(TARGET_MESSAGE_ID),
      });
    }
  });

  it('reads the links of the message embeds too, and records the answer so its counts are redrawn', async () => {
    const message = channelMessage('this one', {
      id: '910000000000000002',
      embeds: [{ type: 'link', url: `https://huggingface.co/papers/${GRIDLOCK}`, title: 'Gridlock' }],
    });
    const { body, seen } = await paperCard(message);
    expect(titles(seen)).toEqual([expect.stringMatching(/^Gridlock: /)]);
    // One paper: a row of three labelled buttons.
    expect(componentsOf(seen.data).map((button) => button.label)).toEqual([
      'Relevant',
      'Not relevant',
      'Save',
    ]);
    const answerId = await eventually(async () => discord.originalOf(body.token)?.id);
    const posted = await eventually(
      () => bot.postedMessages?.find(channel, answerId) ?? Promise.resolve(null),
    );
    expect(posted.card.items.map((item) => item.id)).toEqual([GRIDLOCK]);
  });

  it('records a 👍 on a Paper card with the feedback handler, privately', async () => {
    const click = componentInteraction(`f|fb1:r:${GRIDLOCK}`, { token: nextToken(), userId: MEMBER_ID });
    const initial = await sendSigned(harness(), click);
    expect(initial.data?.flags).toBe(EPHEMERAL);
    const answer = await discord.answerFor(click.token, initial);
    expect(embedText(answer.data)).toContain('👍 Marked relevant');
    expect((await bot.feedback?.counts(channel, [GRIDLOCK]))?.get(GRIDLOCK)).toEqual({
      relevant: 1,
      saved: 0,
    });
  });

  it('defers (type 5, for the channel) while arXiv is asked, then edits the original with every card; arXiv is asked once', async () => {
    const lookup = arxivIdLookup(ON_ARXIV);
    arxiv = (request) => ({ ...lookup(request), delayMs: 400 });
    try {
      const message = channelMessage(
        `https://arxiv.org/abs/${ON_ARXIV[0]?.id}, its PDF https://arxiv.org/pdf/${ON_ARXIV[0]?.id}v2 and https://huggingface.co/papers/${HELIX}`,
        { id: '910000000000000003' },
      );
      const { initial, seen, ms } = await paperCard(message);
      expect(initial).toEqual({ type: 5, data: { flags: 0 } });
      expect(ms).toBeLessThan(3000);
      expect(seen.deferred).toBe(true);
      expect(titles(seen)).toEqual([
        'Sparse Routers for Tiny Translators',
        'Helix: Sparse Attention for Genome-Scale DNA Language Models',
      ]);
      expect(embedsOf(seen)[0]?.description?.split('\n')[0]).toBe('*Ines Okafor, Lev Brandt*');
      expect(componentsOf(seen.data).map((control) => control.custom_id)).toContain(
        `f|fb1:s:${ON_ARXIV[0]?.id}`,
      );
      expect(arxivAsked()).toEqual([ON_ARXIV[0]?.id]);
      expect((await createPaperStore(handle.db).getPapers([ON_ARXIV[0]?.id ?? '']))[0]?.title).toBe(
        'Sparse Routers for Tiny Translators',
      );
      const shares = await sharesOf([ON_ARXIV[0]?.id ?? '']);
      expect(shares.get(ON_ARXIV[0]?.id ?? '')?.link).toBe(messageUrl('910000000000000003'));

      // Stored now: the next card on it is answered without arXiv.
      const again = await paperCard(message);
      expect(titles(again.seen)[0]).toBe('Sparse Routers for Tiny Translators');
      expect(arxivAsked()).toHaveLength(1);
    } finally {
      arxiv = arxivIdLookup(ON_ARXIV);
    }
  });

  it('answers privately when the message has no paper links, and records nothing', async () => {
    const message = channelMessage(
      'see https://example.com/papers/2606.93392 and arxiv.org/list/cs.LG/recent',
      {
        id: '910000000000000004',
      },
    );
    const { initial, seen } = await paperCard(message);
    expect(initial.type).toBe(4);
    expect(initial.data?.flags).toBe(EPHEMERAL);
    expect(embedText(seen.data)).toContain(NO_PAPER_LINKS);
    expect(seen.data.components).toBeUndefined();
  });

  it.each([
    ['arXiv does not know the paper', '2606.99999', undefined],
    ['arXiv cannot be reached', '2606.99998', { status: 503, body: 'down' }],
  ])(
    'answers privately when %s: the public deferral is deleted, and nothing is stored',
    async (_case, id, failure) => {
      if (failure) arxiv = () => failure;
      try {
        const message = channelMessage(`new: https://arxiv.org/abs/${id}`, { id: '910000000000000005' });
        const body = messageCommandInteraction(message, { token: nextToken() });
        const initial = await sendSigned(harness(), body);
        expect(initial).toEqual({ type: 5, data: { flags: 0 } });
        const followUp = await discord.waitFor(
          (call) => call.method === 'POST' && call.path === `/webhooks/${APPLICATION_ID}/${body.token}`,
        );
        const sent = followUp.body as { flags: number; embeds?: unknown };
        expect(sent.flags).toBe(EPHEMERAL);
        expect(embedText(sent)).toContain(NO_PAPERS_FOUND);
        expect(discord.deleted.some((gone) => gone.interactionToken === body.token)).toBe(true);
        expect(discord.calls.some((call) => call.method === 'PATCH' && call.path.includes(body.token))).toBe(
          false,
        );
        expect((await sharesOf([id])).size).toBe(0);
        expect(await createPaperStore(handle.db).getPapers([id])).toEqual([]);
      } finally {
        arxiv = arxivIdLookup(ON_ARXIV);
      }
    },
  );

  it('shows the cards of a bot message but records nobody as sharing them', async () => {
    const message = channelMessage(`digest: https://huggingface.co/papers/${ON_ARXIV[1]?.id}`, {
      id: '910000000000000006',
      authorId: '300000000000000001',
      bot: true,
    });
    const { seen } = await paperCard(message);
    expect(titles(seen)).toEqual(['Counting Bees With Event Cameras']);
    expect((await sharesOf([ON_ARXIV[1]?.id ?? ''])).size).toBe(0);
  });

  it('answers the same way through the gateway', async () => {
    const message = channelMessage(`https://arxiv.org/abs/${HELIX}`, {
      id: '910000000000000007',
      channelId: '500000000000000077',
      authorId: '700000000000000077',
    });
    const body = {
      ...messageCommandInteraction(message, { token: nextToken() }),
      channel_id: '500000000000000077',
      channel: { id: '500000000000000077', type: 0, guild_id: GUILD_ID, name: 'reading' },
    };
    discord.gateway.dispatch('INTERACTION_CREATE', body);
    const seen = await discord.answerFor(body.token);
    expect(seen.flags).toBe(0);
    expect(titles(seen)).toEqual(['Helix: Sparse Attention for Genome-Scale DNA Language Models']);
    const elsewhere: ChannelRef = { ...channel, channelId: '500000000000000077' };
    const share = (await sharesOf([HELIX], elsewhere)).get(HELIX);
    expect(share).toMatchObject({
      userId: '700000000000000077',
      link: messageUrl('910000000000000007', '500000000000000077'),
    });
  });
});

describe('the "Paper card" answer in time', () => {
  const run = async (dependencies: BotDependencies, deferAfterMs: number, interaction: { token: string }) => {
    const handler = createInteractionHandler({
      bot: dependencies,
      rest: createDiscordRest(discord.api, 'test-token'),
      applicationId: APPLICATION_ID,
      buttons: createButtonCodec(),
      now: () => NOW,
      deferAfterMs,
    });
    const responses: InteractionResponse[] = [];
    await handler(interaction as unknown as DiscordInteraction, async (response) => {
      responses.push(response);
      // As Discord does once it has the answer: its message exists.
      discord.answeredOverHttp(interaction.token, response);
    });
    return responses;
  };

  it('answers stored papers at once (type 4) when the store is quick', async () => {
    const token = nextToken();
    discord.sawInteraction({ token, channel_id: CHANNEL_ID });
    const message = channelMessage(`https://arxiv.org/abs/${HELIX}`, { id: '910000000000000008' });
    const [first, ...more] = await run(bot, 2000, messageCommandInteraction(message, { token }));
    expect(more).toEqual([]);
    expect(first?.type).toBe(4);
    const data = (first?.data ?? { embeds: [] }) as { flags?: number; embeds: Embed[] };
    expect(data.flags).toBe(0);
    expect(data.embeds.map((embed) => embed.title)).toEqual([
      'Helix: Sparse Attention for Genome-Scale DNA Language Models',
    ]);
  });

  it('apologises privately when the store fails, and says nothing in the channel', async () => {
    const broken: BotDependencies = {
      ...bot,
      digestPapers: {
        ...bot.digestPapers,
        papers: async () => {
          throw new Error('connection refused');
        },
      },
    };
    const message = channelMessage(`https://arxiv.org/abs/${HELIX}`, { id: '910000000000000010' });
    const [answer] = await run(broken, 2000, messageCommandInteraction(message, { token: nextToken() }));
    expect(answer?.type).toBe(4);
    expect(answer?.data?.flags).toBe(EPHEMERAL);
    expect(embedText(answer?.data ?? {})).toContain('Something went wrong on our side');
  });

  it('defers a slow store (type 5, for the channel), then edits the original', async () => {
    const token = nextToken();
    const slow: BotDependencies = {
      ...bot,
      digestPapers: {
        ...bot.digestPapers,
        papers: async (ids) => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          return bot.digestPapers.papers(ids);
        },
      },
    };
    const message = channelMessage(`https://arxiv.org/abs/${HELIX}`, { id: '910000000000000009' });
    expect(await run(slow, 20, messageCommandInteraction(message, { token }))).toEqual([
      { type: 5, data: { flags: 0 } },
    ]);
    const edit = await discord.waitFor((call) => call.method === 'PATCH' && call.path.includes(token));
    expect(edit.path).toBe(`/webhooks/${APPLICATION_ID}/${token}/messages/@original`);
    expect(embedText(edit.body as { embeds?: unknown })).toContain('Helix');
  });
});

describeRecorded('the "Paper card" on the body Discord really sends for a context-menu command', () => {
  it('answers the recorded guild command re-targeted at a message, and records its author', async () => {
    // The recordings hold a user command; a message command differs only in `data` (type 3, the message).
    const recorded = readDiscordJson(DISCORD_PAYLOAD.userCommand);
    const guildId = recorded.guild_id ?? '';
    const channelId = recorded.channel_id ?? '';
    const message = channelMessage(`https://arxiv.org/abs/${SHELF}`, {
      id: '867793854505943041',
      channelId,
      authorId: '167348773423415296',
    });
    const token = nextToken();
    const body = {
      ...recorded,
      token,
      data: {
        id: recorded.data?.id,
        name: 'Paper card',
        type: 3,
        target_id: message.id,
        resolved: { messages: { [message.id]: message } },
      },
    };
    const seen = await discord.answerFor(token, await sendSigned(harness(), body));
    expect(seen.flags).toBe(0);
    expect(titles(seen)).toEqual([expect.stringMatching(/^Shelf-Ready/)]);
    const where: ChannelRef = { platform: 'discord', workspaceId: guildId, channelId };
    expect((await sharesOf([SHELF], where)).get(SHELF)).toMatchObject({
      userId: '167348773423415296',
      link: messageUrl(message.id, channelId, guildId),
    });
  });
});
