import { DiscordAPIError, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DISCORD_COMMANDS } from '../../../src/adapters/discord/command-definitions.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { INTENTS } from '../../helpers/fake-discord-gateway.js';
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

const select = (extra: Record<string, unknown>) => ({
  type: 3,
  custom_id: 's',
  options: [
    { label: 'a', value: 'a', default: true },
    { label: 'b', value: 'b', default: true },
  ],
  ...extra,
});
const textInput = (extra: Record<string, unknown> = {}) => ({
  type: 4,
  custom_id: 'field',
  style: 1,
  label: 'Field',
  ...extra,
});
const modal = (extra: Record<string, unknown> = {}, rows: unknown[] = [row(textInput())]) => ({
  type: 9,
  data: { custom_id: 'm', title: 'Title', components: rows, ...extra },
});
let answers = 0;
/** Answers an interaction of `type` (3 a click, 2 a command, 5 a modal submit) with `body` through the callback. */
const answer = (type: number, body: unknown, fromMessage = true) => {
  const token = `answer-token-${++answers}`;
  discord.sawInteraction({
    token,
    type,
    channel_id: CHANNEL,
    ...(fromMessage ? { message: { id: '1' } } : {}),
  });
  return rest.post(Routes.interactionCallback('600000000000000001', token), { body, auth: false });
};

describe('the fake Discord refuses interaction answers Discord refuses (400, 50035)', () => {
  it.each([
    [
      'a select with more default options than max_values',
      3,
      { type: 7, data: { ...embed, components: [row(select({}))] } },
    ],
    [
      'a select with min_values over 25',
      3,
      { type: 7, data: { ...embed, components: [row(select({ min_values: 26, max_values: 2 }))] } },
    ],
    [
      'a select with max_values over its options',
      3,
      { type: 4, data: { ...embed, components: [row(select({ max_values: 3 }))] } },
    ],
    ['an update answering a command', 2, { type: 7, data: embed }],
    ['a deferred update answering a command', 2, { type: 6 }],
    ['an update answering a modal not opened from a message', 5, { type: 7, data: embed }, false],
    ['a modal answering a modal', 5, modal()],
    ['a modal title of 46 characters', 3, modal({ title: 'x'.repeat(46) })],
    ['a modal without a custom_id', 3, modal({ custom_id: '' })],
    ['a modal without rows', 3, modal({}, [])],
    [
      'a modal of six rows',
      3,
      modal(
        {},
        Array.from({ length: 6 }, (_, i) => row(textInput({ custom_id: `f${i}` }))),
      ),
    ],
    ['two text inputs in a row', 3, modal({}, [row(textInput(), textInput({ custom_id: 'other' }))])],
    ['a button in a modal', 3, modal({}, [row(button('b'))])],
    ['a label of 46 characters', 3, modal({}, [row(textInput({ label: 'x'.repeat(46) }))])],
    ['a max_length of 4001', 3, modal({}, [row(textInput({ max_length: 4001 }))])],
    ['a min_length over max_length', 3, modal({}, [row(textInput({ min_length: 6, max_length: 5 }))])],
    ['a value longer than max_length', 3, modal({}, [row(textInput({ max_length: 5, value: '123456' }))])],
    ['a text input custom_id used twice', 3, modal({}, [row(textInput()), row(textInput())])],
  ])('%s', async (_name, type, body, fromMessage = true) => {
    const error = await refusal(answer(type, body, fromMessage));
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
  });

  it('takes what Discord takes: an update of a click or of a modal from a message, and a modal answering a click', async () => {
    const fine = { ...embed, components: [row(select({ max_values: 2 }))] };
    await answer(3, { type: 7, data: fine });
    await answer(5, { type: 7, data: fine });
    await answer(3, modal({}, [row(textInput({ value: '12345', max_length: 5 }))]));
    expect(discord.refusedAnswers).toHaveLength(18);
    expect(() => discord.answeredOverHttp('over-http', { type: 9, data: { title: '' } })).toThrow(/50035/);
  });
});

describe('the fake gateway enforces intents as Discord does', () => {
  let gatewayed: FakeDiscord;
  beforeAll(async () => {
    gatewayed = await startFakeDiscord({
      applicationId: APPLICATION_ID,
      privilegedIntents: ['MessageContent'],
    });
  });
  afterAll(async () => gatewayed?.close());

  /** A raw gateway client that identifies with `intents`; what it received, and how its connection closed. */
  async function client(intents: number, allowed: FakeDiscord = gatewayed) {
    const socket = new WebSocket(allowed.gateway.url);
    const received: { op: number; t?: string | null; d?: Record<string, unknown> }[] = [];
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (raw) => received.push(JSON.parse(String(raw))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ op: 2, d: { token: 'test-token', intents, properties: {} } }));
    const ready = () => received.some((payload) => payload.t === 'READY');
    return { socket, received, closed, ready };
  }
  const until = async (test: () => boolean) => {
    for (let tries = 0; !test(); tries += 1) {
      if (tries > 200) throw new Error('gave up waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const message = (extra: Record<string, unknown> = {}) => ({
    id: '920000000000000001',
    channel_id: CHANNEL,
    guild_id: '400000000000000001',
    content: 'see https://arxiv.org/abs/2606.93392',
    embeds: [{ url: 'https://arxiv.org/abs/2606.93392' }],
    attachments: [],
    components: [],
    mentions: [],
    author: { id: '700000000000000001', username: 'ada' },
    ...extra,
  });

  it('sends messages only with GuildMessages, and without their content unless Message Content is asked for', async () => {
    const guildsOnly = await client(INTENTS.Guilds);
    const messages = await client(INTENTS.Guilds | INTENTS.GuildMessages);
    const content = await client(INTENTS.Guilds | INTENTS.GuildMessages | INTENTS.MessageContent);
    await until(() => [guildsOnly, messages, content].every((one) => one.ready()));
    gatewayed.gateway.dispatch('MESSAGE_CREATE', message());
    gatewayed.gateway.dispatch(
      'MESSAGE_CREATE',
      message({ id: '920000000000000002', mentions: [{ id: gatewayed.gateway.botUserId }] }),
    );
    gatewayed.gateway.dispatch('GUILD_DELETE', { id: '400000000000000009' });
    const seen = (one: typeof guildsOnly) => one.received.filter((payload) => payload.t === 'MESSAGE_CREATE');
    await until(() =>
      [guildsOnly, messages, content].every((one) => one.received.some((p) => p.t === 'GUILD_DELETE')),
    );
    expect(seen(guildsOnly)).toEqual([]);
    expect(seen(messages).map((payload) => [payload.d?.content, payload.d?.embeds])).toEqual([
      ['', []],
      // A message that mentions the app keeps its content.
      ['see https://arxiv.org/abs/2606.93392', [{ url: 'https://arxiv.org/abs/2606.93392' }]],
    ]);
    expect(seen(content).map((payload) => payload.d?.content)).toEqual([
      'see https://arxiv.org/abs/2606.93392',
      'see https://arxiv.org/abs/2606.93392',
    ]);
    for (const one of [guildsOnly, messages, content]) one.socket.close();
  });

  it('closes an identify asking for a privileged intent the app lacks with 4014', async () => {
    const refused = await client(INTENTS.Guilds | INTENTS.GuildMembers);
    expect(await refused.closed).toBe(4014);
    expect(refused.ready()).toBe(false);
    const withoutContent = await client(INTENTS.Guilds | INTENTS.MessageContent, discord);
    expect(await withoutContent.closed).toBe(4014);
    expect(discord.gateway.refused).toEqual([
      { intents: INTENTS.Guilds | INTENTS.MessageContent, code: 4014 },
    ]);
  });
});

describe('the fake Discord keeps what an interaction answer makes', () => {
  it('reads back and deletes @original, and knows an answer sent over HTTP', async () => {
    discord.sawInteraction({ token: 'http-token', channel_id: CHANNEL });
    discord.answeredOverHttp('http-token', { type: 4, data: { ...embed, flags: 0 } });
    const original = Routes.webhookMessage(APPLICATION_ID, 'http-token', '@original');
    await expect(rest.get(original, { auth: false })).resolves.toMatchObject({ channel_id: CHANNEL });
    await rest.delete(original, { auth: false });
    expect(discord.deleted.map((message) => message.interactionToken)).toEqual(['http-token']);
    expect((await refusal(rest.get(original, { auth: false }))).code).toBe(10008);
  });
});
