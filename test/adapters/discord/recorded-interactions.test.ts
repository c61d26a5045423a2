import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeDiscord, type SeenAnswer, startFakeDiscord } from '../../helpers/fake-discord.js';
import {
  asDirectMessage,
  DISCORD_PAYLOAD,
  type RecordedInteraction,
  readDiscordJson,
  readDiscordPayload,
  retargetButton,
  retargetCommand,
  retargetSelect,
} from '../../helpers/recorded-discord-payloads.js';
import { describeRecorded } from '../../helpers/shared-data.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import {
  APPLICATION_ID,
  adapterContext,
  botOn,
  type DiscordOverHttp,
  discordConfig,
  NOW,
  postInteraction,
  startDiscordOverHttp,
} from './discord-fixtures.js';

const EPHEMERAL = 64;
const UPDATE_MESSAGE = 7;
const DEFERRED_UPDATE = 6;
const AUTOCOMPLETE_RESULT = 8;
const nowSeconds = String(Math.floor(NOW.getTime() / 1000));

type Embed = { title?: string; description?: string };
type Row = { components: { label: string; custom_id: string }[] };

/** Each interaction has a token of its own: a body sent twice gets a fresh one, so answers are told apart. */
const withToken = (body: RecordedInteraction, token: string): RecordedInteraction => ({ ...body, token });
/** The string-option command of a guild, aimed at `/papers topic:<topic>`. */
const papersCommand = (topic: string, token: string) =>
  withToken(
    retargetCommand(readDiscordJson(DISCORD_PAYLOAD.commandGuildString), {
      name: 'papers',
      option: 'topic',
      value: topic,
    }),
    token,
  );

describeRecorded('Discord interactions from the bodies Discord really sends', () => {
  let bot: BotDependencies;
  let discord: FakeDiscord;
  let url: string;
  let privateKey: KeyObject;

  let harness: DiscordOverHttp;
  beforeAll(async () => {
    harness = await startDiscordOverHttp();
    ({ bot, discord, url, privateKey } = harness);
  });
  afterAll(async () => harness?.close());

  /** Posts a body signed with the test's key; the initial response as Discord reads it. */
  const send = async (body: string | RecordedInteraction) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await postInteraction(url, text, { privateKey, timestamp: nowSeconds });
    expect(response.status).toBe(200);
    return (await response.json()) as { type: number; data?: Record<string, unknown> & { flags?: number } };
  };
  /** What the user sees for a command: the initial response, or the edit that follows a deferral. */
  const seen = async (body: RecordedInteraction): Promise<SeenAnswer> =>
    discord.answerFor(body.token ?? '', await send(body));
  const embedsOf = (answer: SeenAnswer): Embed[] => answer.data.embeds ?? [];

  it('answers the recorded PING, byte for byte, with PONG', async () => {
    expect(await send(readDiscordPayload(DISCORD_PAYLOAD.ping))).toEqual({ type: 1 });
  });

  it('searches with the recorded guild command (string permissions, app_permissions, guild_locale)', async () => {
    const body = papersCommand('"sparse attention"', 'search-token');
    expect(body).toMatchObject({ guild_locale: expect.any(String), app_permissions: expect.any(String) });
    const answer = await seen(body);
    expect(answer.flags).toBe(EPHEMERAL);
    expect(embedsOf(answer)[0]?.title).toContain('sparse attention');
    expect(
      embedsOf(answer)
        .slice(1)
        .map((embed) => embed.title),
    ).toEqual(['Helix: Sparse Attention for Genome-Scale DNA Language Models']);
  });

  describe('the Manage Channels check on the recorded member permissions', () => {
    const subscribe = (token: string, permissions?: string) => {
      const body = withToken(
        retargetCommand(readDiscordJson(DISCORD_PAYLOAD.commandGuildString), {
          name: 'subscribe',
          option: 'terms',
          value: 'grokking',
        }),
        token,
      );
      return permissions === undefined ? body : { ...body, member: { ...body.member, permissions } };
    };

    it("subscribes the recorded guild's channel for a member whose permissions include it", async () => {
      const body = subscribe('subscribe-token');
      const answer = await seen(body);
      expect(embedsOf(answer)[0]?.description).toContain('Subscribed to grokking.');
      const channel: ChannelRef = {
        platform: 'discord',
        workspaceId: body.guild_id ?? '',
        channelId: body.channel_id ?? '',
      };
      expect((await bot.subscriptions.list(channel)).map((term) => term.text)).toEqual(['grokking']);
    });

    it('reads permissions beyond 2^53 exactly (decimal strings, as Discord sends them)', async () => {
      const high = 1n << 60n;
      const refused = await seen(subscribe('high-refused', high.toString()));
      expect(embedsOf(refused)[0]?.description).toContain('manage this channel');
      const allowed = await seen(subscribe('high-allowed', (high | (1n << 4n)).toString()));
      expect(embedsOf(allowed)[0]?.description).not.toContain('manage this channel');
    });
  });

  it('asks for a server channel when the recorded command has no guild (minimal body, and a DM)', async () => {
    const minimal = withToken(
      retargetCommand(readDiscordJson(DISCORD_PAYLOAD.commandMinimal), { name: 'papers' }),
      'minimal-token',
    );
    const direct = asDirectMessage(papersCommand('lora', 'dm-token'));
    expect(direct.member).toBeUndefined();
    for (const body of [minimal, direct]) {
      const answer = await send(body);
      expect(answer.type).toBe(4);
      expect(answer.data?.flags).toBe(EPHEMERAL);
      expect(JSON.stringify(answer.data)).toContain('paperboy works in server channels');
    }
  });

  it('answers a context-menu command it does not register (the recorded user command) with help, privately', async () => {
    const answer = await seen(withToken(readDiscordJson(DISCORD_PAYLOAD.userCommand), 'user-command-token'));
    expect(answer.flags).toBe(EPHEMERAL);
    expect(embedsOf(answer)[0]?.description).toContain("Today's trending papers");
  });

  describe('buttons', () => {
    const nextOfSearch = async () => {
      const body = withToken(
        retargetCommand(readDiscordJson(DISCORD_PAYLOAD.commandGuildString), {
          name: 'papers',
          option: 'topic',
          value: 'benchmark',
        }),
        `search-${Math.random().toString(36).slice(2)}`,
      );
      const answer = await seen(body);
      const next = (answer.data.components as Row[])
        .flatMap((row) => row.components)
        .find((button) => button.label === 'Next');
      expect(next).toBeDefined();
      return next?.custom_id ?? '';
    };

    it('pages with the recorded guild click re-targeted at Next, also with the numeric data.id of recent clicks', async () => {
      const next = await nextOfSearch();
      const click = withToken(
        retargetButton(readDiscordJson(DISCORD_PAYLOAD.buttonGuild), next),
        'click-token',
      );
      for (const [index, body] of [click, { ...click, data: { ...click.data, id: 7 } }].entries()) {
        const token = `click-token-${index}`;
        const page = await send({ ...body, token });
        // The page replaces the message, at once (7) or after a deferral (6, then the edit of @original).
        expect([UPDATE_MESSAGE, DEFERRED_UPDATE]).toContain(page.type);
        expect(JSON.stringify((await discord.answerFor(token, page)).data)).toContain('page 2 of');
      }
    });

    it("acknowledges the recorded clicks on a button that is not paperboy's and changes nothing", async () => {
      const answer = await send(withToken(readDiscordJson(DISCORD_PAYLOAD.buttonGuild), 'foreign-token'));
      expect(answer).toEqual({ type: DEFERRED_UPDATE });
    });

    it('asks for a server channel for the recorded minimal click (no guild)', async () => {
      const next = await nextOfSearch();
      const answer = await send(retargetButton(readDiscordJson(DISCORD_PAYLOAD.buttonMinimal), next));
      expect(answer.data?.flags).toBe(EPHEMERAL);
      expect(JSON.stringify(answer.data)).toContain('paperboy works in server channels');
    });
  });

  describe('feedback controls', () => {
    const recordedChannel = (): ChannelRef => {
      const { guild_id, channel_id } = readDiscordJson(DISCORD_PAYLOAD.buttonGuild);
      return { platform: 'discord', workspaceId: guild_id ?? '', channelId: channel_id ?? '' };
    };
    const countsOf = async (paperId: string) =>
      (await bot.feedback?.counts(recordedChannel(), [paperId]))?.get(paperId);

    it('saves with the recorded guild click re-targeted at a 🔖 button, answering the clicker alone', async () => {
      const body = withToken(
        retargetButton(readDiscordJson(DISCORD_PAYLOAD.buttonGuild), 'f|fb1:s:2606.93392'),
        'recorded-save',
      );
      const initial = await send(body);
      expect([4, 5]).toContain(initial.type);
      expect(initial.data?.flags).toBe(EPHEMERAL);
      const answer = await discord.answerFor('recorded-save', initial);
      expect(JSON.stringify(answer.data)).toContain("Saved to this channel's reading list");
      expect(await countsOf('2606.93392')).toEqual({ relevant: 0, saved: 1 });
    });

    it('votes with the recorded click re-targeted at the 👍 select menu, and refuses it tampered', async () => {
      const recorded = readDiscordJson(DISCORD_PAYLOAD.buttonGuild);
      const choice = withToken(retargetSelect(recorded, 'f|pick:r', ['fb1:r:2606.93681']), 'recorded-pick');
      const answer = await discord.answerFor('recorded-pick', await send(choice));
      expect(JSON.stringify(answer.data)).toContain('Marked relevant');
      expect(await countsOf('2606.93681')).toEqual({ relevant: 1, saved: 0 });
      const tampered = withToken(
        retargetSelect(recorded, 'f|pick:r', ['fb1:s:2606.93681']),
        'recorded-forged',
      );
      const refused = await discord.answerFor('recorded-forged', await send(tampered));
      expect(JSON.stringify(refused.data)).toContain('That button no longer works');
      expect(await countsOf('2606.93681')).toEqual({ relevant: 1, saved: 0 });
    });
  });

  describe('autocomplete', () => {
    const guild = () => readDiscordJson(DISCORD_PAYLOAD.commandGuildString);
    const typing = (file: string, typed: string) =>
      retargetCommand(readDiscordJson(file), { name: 'papers', option: 'topic', value: typed });

    it.each([
      ['minimal', DISCORD_PAYLOAD.autocompleteMinimal],
      ['data-only', DISCORD_PAYLOAD.autocompleteDataOnly],
    ])('suggests recent keywords for the recorded %s body in a guild channel', async (_name, file) => {
      const { guild_id, channel_id } = guild();
      const answer = await send({ ...typing(file, 'diffusion'), guild_id, channel_id });
      expect(answer).toEqual({
        type: AUTOCOMPLETE_RESULT,
        data: { choices: [{ name: 'diffusion transformers', value: 'diffusion transformers' }] },
      });
    });

    it.each([
      ['minimal', DISCORD_PAYLOAD.autocompleteMinimal],
      ['data-only', DISCORD_PAYLOAD.autocompleteDataOnly],
    ])(
      'answers the recorded %s body without a guild with an autocomplete result, empty',
      async (_name, file) => {
        const answer = await send(typing(file, 'diffusion'));
        expect(answer).toEqual({ type: AUTOCOMPLETE_RESULT, data: { choices: [] } });
      },
    );
  });
});

describeRecorded('Discord interactions over the gateway, from the bodies Discord really sends', () => {
  let handle: DatabaseHandle;
  let discord: FakeDiscord;
  let adapter: ChatAdapter;

  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    const bot = await botOn(handle);
    discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
    const config = discordConfig({ DISCORD_API_URL: discord.api });
    adapter = createDiscordAdapter(adapterContext(config, handle, bot, createHttpServer(silentLogger)));
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await discord?.close();
    await handle?.close();
  });

  it('answers the recorded guild command through the callback of its own id and token', async () => {
    // Interactions Discord sends today carry `entitlements`, `authorizing_integration_owners` and `context`
    // (the docs sample is older), and discord.js's own parser of the dispatch throws without the first two.
    const recorded = papersCommand('lora', 'gateway-token');
    const body = {
      ...recorded,
      entitlements: [],
      authorizing_integration_owners: { '0': recorded.guild_id },
      context: 0,
    };
    discord.gateway.dispatch('INTERACTION_CREATE', body);
    const callback = await discord.waitFor(
      (call) => call.method === 'POST' && call.path.includes('/callback'),
    );
    expect(callback.path).toBe(`/interactions/${body.id}/${body.token}/callback`);
    const answer = await discord.answerFor(body.token ?? '');
    expect(answer.flags).toBe(EPHEMERAL);
    expect((answer.data.embeds as Embed[]).slice(1).some((embed) => /LoRA/.test(embed.title ?? ''))).toBe(
      true,
    );
  });
});
