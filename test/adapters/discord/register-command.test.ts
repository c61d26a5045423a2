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
    expect(lines.slice(0, 11)).toEqual([
      `Registered 10 commands in guild ${GUILD_ID} (available now):`,
      '  /papers topic since limit sort',
      '  /subscribe terms',
      '  /unsubscribe term',
      '  /subscriptions',
      '  /saved since by page export',
      '  /unsave id',
      '  /digest schedule|off|config|recap|now|settings|preview',
      '  /why paper',
      '  /ask question paper',
      '  Paper card (on a message: Apps > Paper card)',
    ]);
    const commands = call?.body as { name: string; type?: number; default_member_permissions?: string }[];
    expect(commands.find((command) => command.name === 'digest')?.default_member_permissions).toBe('16');
    expect(commands.find((command) => command.name === 'papers')?.default_member_permissions).toBeUndefined();
  });

  it('registers the "Paper card" message command: type 3, a name with a capital and a space, no description', async () => {
    await run(['register', '--guild', GUILD_ID]);
    const call = discord.calls.findLast((entry) => entry.method === 'PUT');
    const commands = call?.body as Record<string, unknown>[];
    expect(commands.filter((command) => command.type === 3)).toEqual([
      { type: 3, name: 'Paper card', contexts: [0] },
    ]);
  });

  it('registers global commands without --guild', async () => {
    const { lines } = await run(['register']);
    expect(lines[0]).toMatch(/^Registered 10 global commands/);
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

describe('the fake Discord checks command registrations as Discord does', () => {
  const put = (commands: unknown[]) =>
    fetch(`${discord.api}/v10/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bot test-token' },
      body: JSON.stringify(commands),
    });
  const slash = { name: 'papers', description: 'Search papers' };
  const problemOf = async (commands: unknown[]) => {
    const response = await put(commands);
    return response.status === 200 ? null : ((await response.json()) as { message: string }).message;
  };

  it('accepts message and user commands with capitals and spaces, named like a slash command too', async () => {
    expect(
      await problemOf([
        slash,
        { type: 3, name: 'Paper card' },
        { type: 3, name: 'papers', description: '' },
        { type: 2, name: 'High Five' },
      ]),
    ).toBeNull();
  });

  it.each([
    [
      'a description',
      [{ type: 3, name: 'Paper card', description: 'Cards for links' }],
      'cannot have description',
    ],
    ['options', [{ type: 3, name: 'Paper card', options: [] }], 'cannot have options'],
    ['a name of 33 characters', [{ type: 3, name: 'P'.repeat(33) }], '0.name'],
    ['a name of spaces only', [{ type: 3, name: '   ' }], '0.name'],
    ['an empty name', [{ type: 3, name: '' }], '0.name'],
    [
      'two with one name',
      [
        { type: 3, name: 'Paper card' },
        { type: 3, name: 'Paper card' },
      ],
      'unique',
    ],
    ['an unknown type', [{ type: 9, name: 'x' }], '0.type'],
    [
      '16 message commands',
      Array.from({ length: 16 }, (_, i) => ({ type: 3, name: `Card ${i}` })),
      'at most 15',
    ],
    ['a slash command with a capital', [{ name: 'Papers', description: 'x' }], '0.name'],
    ['a slash command with a space', [{ name: 'paper card', description: 'x' }], '0.name'],
    ['a slash command without description', [{ name: 'papers' }], '0.description'],
  ])('refuses a registration with %s (400, 50035)', async (_name, commands, problem) => {
    const response = await put(commands);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: number; message: string };
    expect(body.code).toBe(50035);
    expect(body.message).toContain(problem);
  });
});
