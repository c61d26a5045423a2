import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/cli-context.js';
import { discordCommand } from '../../../src/cli/commands/discord-command.js';
import { UsageError } from '../../../src/cli/usage.js';
import { silentLogger } from '../../../src/core/logger.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { APPLICATION_ID, discordConfig, GUILD_ID, NOW } from './discord-fixtures.js';

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
});
afterAll(async () => discord?.close());

async function run(args: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  const context: CliContext = {
    args,
    config: discordConfig({ DISCORD_API_URL: discord.api, ...env }),
    logger: silentLogger,
    out: (line) => lines.push(line),
    write: () => {},
    writeError: () => {},
    interactive: false,
    openServices: () => Promise.reject(new Error('not needed')),
    now: () => NOW,
    input: process.stdin,
  };
  const code = await discordCommand(context);
  return { code, lines };
}

describe('paperboy discord register', () => {
  it('bulk-overwrites the commands of one guild and prints them', async () => {
    const { code, lines } = await run(['register', '--guild', GUILD_ID]);
    expect(code).toBe(0);
    const call = discord.calls.find((entry) => entry.method === 'PUT');
    expect(call?.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(call?.authorization).toBe('Bot test-token');
    expect(lines).toEqual([
      `Registered 7 commands in guild ${GUILD_ID} (available now):`,
      '  /papers topic since limit sort',
      '  /subscribe terms',
      '  /unsubscribe term',
      '  /subscriptions',
      '  /saved since by page export',
      '  /unsave id',
      '  /digest schedule|off|config|recap|now|settings',
    ]);
    const commands = call?.body as { name: string; default_member_permissions?: string }[];
    expect(commands.find((command) => command.name === 'digest')?.default_member_permissions).toBe('16');
    expect(commands.find((command) => command.name === 'papers')?.default_member_permissions).toBeUndefined();
  });

  it('registers global commands without --guild', async () => {
    const { lines } = await run(['register']);
    expect(lines[0]).toMatch(/^Registered 7 global commands/);
    expect(
      discord.calls.some(
        (call) => call.method === 'PUT' && call.path === `/applications/${APPLICATION_ID}/commands`,
      ),
    ).toBe(true);
  });

  it('rejects a guild id that is not a number, and an unknown sub-command', async () => {
    await expect(run(['register', '--guild', 'my-server'])).rejects.toThrow(UsageError);
    await expect(run(['unregister'])).rejects.toThrow(/paperboy discord register/);
  });
});
