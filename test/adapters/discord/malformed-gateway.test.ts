import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import {
  APPLICATION_ID,
  adapterContext,
  botOn,
  commandInteraction,
  discordConfig,
} from './discord-fixtures.js';

let handle: DatabaseHandle;
let discord: FakeDiscord;
let adapter: ChatAdapter;
const log = capturingLogger();
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  handle = await openTestDatabase('pglite');
  const bot = await botOn(handle);
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const config = discordConfig({ DISCORD_API_URL: discord.api });
  const context = adapterContext(config, handle, bot, createHttpServer(log.logger));
  adapter = createDiscordAdapter({ ...context, logger: log.logger });
  await adapter.start();
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await adapter?.stop();
  await discord?.close();
  await handle?.close();
});

const lora = (token: string) =>
  commandInteraction('papers', [{ name: 'topic', type: 3, value: 'lora' }], { token });
const callbackOf = (token: string) =>
  discord.waitFor((call) => call.method === 'POST' && call.path.endsWith(`/${token}/callback`));
const callbacks = () => discord.calls.filter((call) => call.path.endsWith('/callback')).length;

describe('malformed gateway packets', () => {
  it('answers an INTERACTION_CREATE without entitlements or authorizing_integration_owners (discord.js 14.28 throws on it)', async () => {
    const { entitlements: _e, authorizing_integration_owners: _a, ...older } = lora('older-token');
    discord.gateway.dispatch('INTERACTION_CREATE', older);
    expect((await callbackOf('older-token')).path).toBe(`/interactions/${older.id}/older-token/callback`);
    expect(rejections).toEqual([]);
  });

  it('logs and drops interactions it cannot read, answers the next one, and nothing rejects unhandled', async () => {
    const before = callbacks();
    const malformed = [
      null,
      'INTERACTION_CREATE',
      { ...lora('string-options'), data: { name: 'papers', options: 'lora' } },
      { ...lora('unknown-type'), type: 99 },
      {
        ...lora('huge'),
        data: { name: 'papers', options: [{ name: 'topic', type: 3, value: 'x'.repeat(7000) }] },
      },
    ];
    for (const d of malformed) discord.gateway.dispatch('INTERACTION_CREATE', d);
    const { token: _token, ...tokenless } = lora('unused');
    discord.gateway.dispatch('INTERACTION_CREATE', { ...tokenless, type: 4 });
    discord.gateway.dispatch('INTERACTION_CREATE', lora('after-token'));
    await callbackOf('after-token');
    // The gateway delivers in order: everything dropped was handled before the answer to the last one.
    expect(callbacks()).toBe(before + 1);
    const dropped = log.lines.filter(
      (line) => line.level === 'warn' && /dropped a gateway interaction/.test(line.message),
    );
    expect(dropped).toHaveLength(malformed.length + 1);
    expect(dropped[2]?.fields.problems).toEqual([
      'data.options: Invalid input: expected array, received string',
    ]);
    expect(dropped.at(-1)?.message).toBe(
      'dropped a gateway interaction without the id and token its answer needs',
    );
    expect(JSON.stringify(dropped)).not.toContain('x'.repeat(100));
    expect(rejections).toEqual([]);
  });

  it('logs and drops other dispatches discord.js fails to read, and keeps serving', async () => {
    discord.gateway.dispatch('GUILD_CREATE', null);
    discord.gateway.dispatch('INTERACTION_CREATE', lora('after-guild-token'));
    await callbackOf('after-guild-token');
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'dropped a gateway packet discord.js could not read',
        fields: expect.objectContaining({ event: 'GUILD_CREATE' }),
      }),
    );
    expect(rejections).toEqual([]);
  });
});
