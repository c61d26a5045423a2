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
  componentsOf,
  discordConfig,
  GUILD_ID,
} from './discord-fixtures.js';
import { digestCommand, MANAGE_CHANNELS, modalSubmit, panelClick } from './panel-interactions.js';

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

const channel = { platform: 'discord' as const, workspaceId: GUILD_ID, channelId: CHANNEL_ID };
const permissions = MANAGE_CHANNELS;
const callbackOf = (token: string) =>
  discord.waitFor((call) => call.method === 'POST' && call.path.endsWith(`/${token}/callback`));
/** Dispatches the interaction and waits for what the member sees (after a deferral, the edit). */
async function dispatched(body: { token: string }) {
  discord.gateway.dispatch('INTERACTION_CREATE', body);
  await callbackOf(body.token);
  return discord.answerFor(body.token);
}

describe('the settings panel over the gateway', () => {
  it('opens, saves a select, opens a modal and saves what it submits, every callback valid for Discord', async () => {
    const opened = await dispatched(digestCommand('config', [], { token: 'gw-open', permissions }));
    expect(opened.flags).toBe(64);
    const panel = discord.originalOf('gw-open');
    expect(panel).toBeDefined();
    const messageId = panel?.id ?? '';

    await dispatched(panelClick('p|sec|sources', { token: 'gw-section', permissions, messageId }));
    const top = await dispatched(
      panelClick('p|top', { token: 'gw-top', permissions, messageId, values: ['9'] }),
    );
    expect(componentsOf(top.data).find((component) => component.custom_id === 'p|top')).toBeDefined();
    expect((await bot.channels.get(channel))?.settings.top).toBe(9);
    // The click's answer redrew the panel message itself (7, or 6 and the edit of @original).
    expect(JSON.stringify(discord.originalOf('gw-open')?.body)).toContain(
      '"value":"9","label":"9 per digest","default":true',
    );

    discord.gateway.dispatch(
      'INTERACTION_CREATE',
      panelClick('p|minup|0', { token: 'gw-modal', permissions, messageId }),
    );
    expect((await callbackOf('gw-modal')).body).toMatchObject({ type: 9, data: { custom_id: 'p|m|minup' } });
    expect(discord.modalOf('gw-modal')?.title).toBe('Minimum upvotes');

    await dispatched(
      modalSubmit('p|m|minup', { 'min-upvotes': '12' }, { token: 'gw-submit', permissions, messageId }),
    );
    expect((await bot.channels.get(channel))?.settings.minUpvotes).toBe(12);
    expect(discord.refusedAnswers).toEqual([]);
  });
});
