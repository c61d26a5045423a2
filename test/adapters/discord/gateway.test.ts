import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import {
  APPLICATION_ID,
  adapterContext,
  botOn,
  CHANNEL_ID,
  commandInteraction,
  componentInteraction,
  discordConfig,
  embedText,
  GUILD_ID,
} from './discord-fixtures.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let discord: FakeDiscord;
let adapter: ChatAdapter;

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  bot = await botOn(handle);
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

const callbackOf = (token: string) =>
  discord.waitFor((call) => call.method === 'POST' && call.path.endsWith(`/${token}/callback`));

describe('the Discord gateway', () => {
  it('logs the real discord.js Client in with the Guilds intent only, through GET /gateway/bot', () => {
    expect(discord.calls.some((call) => call.path === '/gateway/bot')).toBe(true);
    const identify = discord.gateway.identified[0] as { token: string; intents: number };
    expect(identify.token).toBe('test-token');
    expect(identify.intents).toBe(1);
  });

  it('answers /papers topic:lora privately with one embed per paper and Next / Share buttons', async () => {
    discord.gateway.dispatch(
      'INTERACTION_CREATE',
      commandInteraction('papers', [{ name: 'topic', type: 3, value: 'lora' }], { token: 'lora-token' }),
    );
    const call = await callbackOf('lora-token');
    const answer = await discord.answerFor('lora-token');
    const data = answer.data as {
      embeds: { title?: string }[];
      components: { components: { label: string; custom_id: string }[] }[];
      allowed_mentions: unknown;
    };
    expect(answer.flags).toBe(64);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds[0]?.title).toContain('lora');
    expect(data.embeds.slice(1).some((embed) => /LoRA/i.test(embed.title ?? ''))).toBe(true);
    const buttons = data.components.flatMap((row) => row.components);
    expect(buttons.map((button) => button.label)).toContain('Share in channel');
    expect(call.authorization).toBeUndefined();

    const share = buttons.find((button) => button.label === 'Share in channel');
    discord.gateway.dispatch('INTERACTION_CREATE', {
      ...commandInteraction('papers', [], { token: 'share-token', id: '600000000000000002' }),
      type: 3,
      data: { custom_id: share?.custom_id, component_type: 2 },
      message: {
        id: '900000000000000001',
        channel_id: CHANNEL_ID,
        content: '',
        embeds: [],
        attachments: [],
        components: [],
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        pinned: false,
        tts: false,
        type: 0,
        flags: 64,
        timestamp: '2026-07-14T08:00:00.000000+00:00',
        edited_timestamp: null,
        author: {
          id: discord.gateway.botUserId,
          username: 'paperboy',
          discriminator: '0',
          avatar: null,
          bot: true,
        },
      },
    });
    const shared = await discord.answerFor('share-token');
    expect(shared.flags).toBe(0);
    // Shared with the channel: no Next or Share any more, only the papers' 👍 👎 🔖 (issue 14).
    const controls = (shared.data.components as { components: { custom_id: string }[] }[]).flatMap(
      (row) => row.components,
    );
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.every((control) => control.custom_id.startsWith('f|'))).toBe(true);
  });

  it('refuses /digest schedule to a member without Manage Channels, and accepts it from one with it', async () => {
    const schedule = [
      {
        name: 'schedule',
        type: 1,
        options: [
          { name: 'time', type: 3, value: '09:30' },
          { name: 'timezone', type: 3, value: 'europe/berlin' },
        ],
      },
    ];
    discord.gateway.dispatch(
      'INTERACTION_CREATE',
      commandInteraction('digest', schedule, { token: 'no-perm' }),
    );
    const refused = (await callbackOf('no-perm')).body as {
      data: { flags: number; embeds: { description?: string }[] };
    };
    expect(refused.data.flags).toBe(64);
    expect(refused.data.embeds[0]?.description).toContain('manage this channel');

    discord.gateway.dispatch(
      'INTERACTION_CREATE',
      commandInteraction('digest', schedule, { token: 'with-perm', permissions: String(1 << 4) }),
    );
    const accepted = await discord.answerFor('with-perm');
    expect(accepted.data.embeds[0]?.description).toContain('Europe/Berlin');
    const channel = await bot.channels.get({
      platform: 'discord',
      workspaceId: GUILD_ID,
      channelId: CHANNEL_ID,
    });
    expect(channel?.settings.schedule).toMatchObject({
      enabled: true,
      time: '09:30',
      timezone: 'Europe/Berlin',
    });
  });

  it('answers a 🔖 click from the gateway privately (type 4 or 5, ephemeral) and records the save', async () => {
    const click = componentInteraction('f|fb1:s:2606.93392', { token: 'gateway-click' });
    discord.gateway.dispatch('INTERACTION_CREATE', click);
    const initial = (await callbackOf('gateway-click')).body as { type: number; data?: { flags?: number } };
    expect([4, 5]).toContain(initial.type);
    expect(initial.data?.flags).toBe(64);
    const answer = await discord.answerFor('gateway-click');
    expect(embedText(answer.data)).toContain("🔖 Saved to this channel's reading list");
    const channel = { platform: 'discord' as const, workspaceId: GUILD_ID, channelId: CHANNEL_ID };
    expect((await bot.feedback?.counts(channel, ['2606.93392']))?.get('2606.93392')).toEqual({
      relevant: 0,
      saved: 1,
    });
  });

  it('schedules the weekly recap with /digest recap for a member who can manage the channel, and turns it off', async () => {
    const recap = (
      token: string,
      options: { name: string; type: number; value: string }[],
      permissions?: string,
    ) =>
      discord.gateway.dispatch(
        'INTERACTION_CREATE',
        commandInteraction('digest', [{ name: 'recap', type: 1, options }], {
          token,
          ...(permissions ? { permissions } : {}),
        }),
      );
    const friday = [
      { name: 'day', type: 3, value: 'fri' },
      { name: 'time', type: 3, value: '16:00' },
      { name: 'timezone', type: 3, value: 'europe/berlin' },
    ];
    recap('recap-refused', friday);
    expect(embedText((await discord.answerFor('recap-refused')).data)).toContain(
      'Only members who can manage this channel can use /digest recap.',
    );
    recap('recap-on', friday, String(1 << 4));
    expect(embedText((await discord.answerFor('recap-on')).data)).toContain('Weekly recap scheduled');
    const ref = { platform: 'discord' as const, workspaceId: GUILD_ID, channelId: CHANNEL_ID };
    expect((await bot.channels.get(ref))?.settings.recap).toEqual({
      enabled: true,
      weekday: 5,
      time: '16:00',
      timezone: 'Europe/Berlin',
    });
    recap('recap-bad', [{ name: 'day', type: 3, value: 'fri' }], String(1 << 4));
    // The core's own message for a missing time (its wording and example are the core's).
    expect(embedText((await discord.answerFor('recap-bad')).data)).toContain('needs a time');
    recap('recap-off', [{ name: 'day', type: 3, value: 'off' }], String(1 << 4));
    await discord.answerFor('recap-off');
    expect((await bot.channels.get(ref))?.settings.recap.enabled).toBe(false);
  });

  it("deactivates a guild's channels when the bot is removed from it (guildDelete)", async () => {
    const ref = { platform: 'discord' as const, workspaceId: GUILD_ID, channelId: CHANNEL_ID };
    await bot.channels.ensure(ref);
    discord.gateway.dispatch('GUILD_CREATE', {
      id: GUILD_ID,
      name: 'Reading group',
      unavailable: false,
      owner_id: '700000000000000001',
      channels: [],
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
    discord.gateway.dispatch('GUILD_DELETE', { id: GUILD_ID });
    const deadline = Date.now() + 10_000;
    let channel = await bot.channels.get(ref);
    while (channel?.active && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      channel = await bot.channels.get(ref);
    }
    expect(channel).toMatchObject({ active: false, inactiveReason: 'guild removed' });
  });
});
