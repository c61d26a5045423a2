import { DiscordAPIError, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS } from '../../../src/adapters/discord/command-definitions.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { APPLICATION_ID } from './discord-fixtures.js';

const CHANNEL = '540000000000000001';
let discord: FakeDiscord;
let rest: ReturnType<typeof createDiscordRest>;

beforeAll(async () => {
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID, attachmentLimit: 1000 });
  rest = createDiscordRest(discord.api, 'test-token');
});
afterAll(async () => discord?.close());

const embed = { embeds: [{ title: 'x' }], allowed_mentions: { parse: [] } };
const button = (customId: string, label = 'Go') => ({ type: 2, style: 2, custom_id: customId, label });
const row = (...components: unknown[]) => ({ type: 1, components });
const refusal = async (request: Promise<unknown>) => {
  const error = await request.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
};

describe('the fake Discord refuses what Discord refuses', () => {
  it.each([
    ['six action rows', Array.from({ length: 6 }, (_, i) => row(button(`b${i}`)))],
    ['six buttons in a row', [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))]],
    ['a custom_id used twice', [row(button('same')), row(button('same'))]],
    ['a custom_id of 101 characters', [row(button('x'.repeat(101)))]],
    ['a label of 81 characters', [row(button('b', 'x'.repeat(81)))]],
    [
      'a select beside a button',
      [row({ type: 3, custom_id: 's', options: [{ label: 'a', value: 'a' }] }, button('b'))],
    ],
    [
      'a select with 26 options',
      [
        row({
          type: 3,
          custom_id: 's',
          options: Array.from({ length: 26 }, (_, i) => ({ label: `${i}`, value: `${i}` })),
        }),
      ],
    ],
    [
      'a select option label of 101 characters',
      [row({ type: 3, custom_id: 's', options: [{ label: 'x'.repeat(101), value: 'a' }] })],
    ],
    ['a button with neither label nor emoji', [row({ type: 2, style: 2, custom_id: 'b' })]],
  ])('a message with %s (400, 50035)', async (_name, components) => {
    const error = await refusal(
      rest.post(Routes.channelMessages(CHANNEL), { body: { ...embed, components } }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
  });

  it('an edit of a message that is not in that channel, or not there at all (404, 10008 Unknown Message)', async () => {
    const posted = (await rest.post(Routes.channelMessages(CHANNEL), { body: embed })) as { id: string };
    await expect(
      rest.patch(Routes.channelMessage(CHANNEL, posted.id), { body: embed }),
    ).resolves.toMatchObject({
      id: posted.id,
    });
    for (const route of [
      Routes.channelMessage('540000000000000002', posted.id),
      Routes.channelMessage(CHANNEL, '299999999999999999'),
    ]) {
      const error = await refusal(rest.patch(route, { body: embed }));
      expect([error.status, error.code]).toEqual([404, 10008]);
    }
    const broken = await refusal(
      rest.patch(Routes.channelMessage(CHANNEL, posted.id), {
        body: { embeds: [{ title: 'x'.repeat(257) }] },
      }),
    );
    expect(broken.code).toBe(50035);
  });

  it('a file over the attachment limit (413, 40005), and attachments naming a file not sent (50035)', async () => {
    const big = await refusal(
      rest.post(Routes.channelMessages(CHANNEL), {
        body: embed,
        files: [{ name: 'big.csv', data: Buffer.alloc(1001, 97), contentType: 'text/csv' }],
      }),
    );
    expect([big.status, big.code]).toEqual([413, 40005]);
    const unnamed = await refusal(
      rest.post(Routes.channelMessages(CHANNEL), {
        body: { ...embed, attachments: [{ id: 1, filename: 'a.csv' }] },
        files: [{ name: 'a.csv', data: Buffer.from('a'), contentType: 'text/csv' }],
      }),
    );
    expect(unnamed.code).toBe(50035);
    const sent = (await rest.post(Routes.channelMessages(CHANNEL), {
      body: { ...embed, attachments: [{ id: 0, filename: 'a.csv' }] },
      files: [{ name: 'a.csv', data: Buffer.from('a,b\n'), contentType: 'text/csv' }],
    })) as { attachments: { filename: string; size: number }[] };
    expect(sent.attachments).toMatchObject([{ filename: 'a.csv', size: 4 }]);
  });

  it('command definitions beyond the limits, while paperboy’s own pass', async () => {
    const route = Routes.applicationCommands(APPLICATION_ID);
    await expect(rest.put(route, { body: DISCORD_COMMANDS })).resolves.toHaveLength(DISCORD_COMMANDS.length);
    for (const bad of [
      [{ name: 'Saved', description: 'upper case' }],
      [{ name: 'saved', description: 'd'.repeat(101) }],
      [
        {
          name: 'saved',
          description: 'x',
          options: [
            {
              type: 3,
              name: 'a',
              description: 'x',
              choices: [{ name: 'a', value: 'a' }],
              autocomplete: true,
            },
          ],
        },
      ],
      [
        {
          name: 'saved',
          description: 'x',
          options: [
            { type: 3, name: 'a', description: 'x' },
            { type: 3, name: 'b', description: 'x', required: true },
          ],
        },
      ],
    ]) {
      expect((await refusal(rest.put(route, { body: bad }))).code).toBe(50035);
    }
  });
});
