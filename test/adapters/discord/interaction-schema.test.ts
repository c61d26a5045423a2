import { describe, expect, it } from 'vitest';
import {
  isWrittenByPerson,
  parseGatewayMessage,
  parseInteraction,
} from '../../../src/adapters/discord/interaction-schema.js';
import { canManageChannels } from '../../../src/adapters/discord/member-permissions.js';

const command = (data: unknown) => ({
  type: 2,
  id: '11',
  token: 'tok',
  guild_id: '22',
  channel_id: '33',
  data,
});

describe('parseInteraction', () => {
  it('keeps the fields paperboy reads and drops the rest', () => {
    expect(
      parseInteraction({
        ...command({
          id: '44',
          name: 'papers',
          type: 1,
          options: [{ name: 'topic', type: 3, value: 'lora' }],
        }),
        locale: 'en-US',
        entitlements: [],
        member: { permissions: '16', user: { id: '55', username: 'ada' }, roles: [] },
      }),
    ).toEqual({
      ok: true,
      value: {
        type: 2,
        id: '11',
        token: 'tok',
        guild_id: '22',
        channel_id: '33',
        member: { permissions: '16', user: { id: '55' } },
        data: { name: 'papers', type: 1, options: [{ name: 'topic', type: 3, value: 'lora' }] },
      },
    });
  });

  it('answers a bare PING, and an autocomplete without id and token (bodies Discord documents)', () => {
    expect(parseInteraction({ type: 1 })).toEqual({ ok: true, value: { type: 1 } });
    const typing = {
      type: 4,
      data: { name: 'papers', options: [{ name: 'limit', type: 4, value: '1', focused: true }] },
    };
    expect(parseInteraction(typing)).toEqual({ ok: true, value: typing });
  });

  it('reads sub-commands and groups, and checks the values inside them', () => {
    const schedule = { name: 'schedule', type: 1, options: [{ name: 'time', type: 3, value: '09:30' }] };
    expect(parseInteraction(command({ name: 'digest', options: [schedule] }))).toMatchObject({ ok: true });
    const group = {
      name: 'admin',
      type: 2,
      options: [{ ...schedule, options: [{ name: 'time', type: 3, value: 9 }] }],
    };
    expect(parseInteraction(command({ name: 'digest', options: [group] }))).toEqual({
      ok: false,
      error: ["data.options.0.options.0.options.0.value: value does not match the option's type"],
    });
  });

  it('checks each option type: integers, booleans, numbers and snowflakes', () => {
    const one = (option: Record<string, unknown>) =>
      parseInteraction(command({ name: 'x', options: [option] })).ok;
    expect(one({ name: 'n', type: 4, value: 5 })).toBe(true);
    expect(one({ name: 'n', type: 4, value: 5.5 })).toBe(false);
    expect(one({ name: 'n', type: 4, value: 2 ** 60 })).toBe(false);
    expect(one({ name: 'b', type: 5, value: 'true' })).toBe(false);
    expect(one({ name: 'f', type: 10, value: 0.5 })).toBe(true);
    expect(one({ name: 'u', type: 6, value: '123456789012345678' })).toBe(true);
    expect(one({ name: 'u', type: 6, value: '@everyone' })).toBe(false);
    expect(one({ name: 'x', type: 42, value: 'x' })).toBe(false);
  });

  it("reads a select menu's chosen values and the attachment limit a recent body carries", () => {
    const choice = {
      type: 3,
      id: '11',
      token: 'tok',
      guild_id: '22',
      channel_id: '33',
      attachment_size_limit: 10_485_760,
      data: { custom_id: 'f|pick:s', component_type: 3, values: ['fb1:s:2606.93392'], resolved: {} },
    };
    expect(parseInteraction(choice)).toEqual({
      ok: true,
      value: {
        ...choice,
        data: { custom_id: 'f|pick:s', component_type: 3, values: ['fb1:s:2606.93392'] },
      },
    });
  });

  it('lists at most three problems, each with its path, and never the value', () => {
    const result = parseInteraction({
      type: 3,
      id: 'x',
      token: 'a/b',
      data: { custom_id: 'y'.repeat(500) },
      guild_id: 'g',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(3);
    expect(result.error.map((problem) => problem.split(':')[0])).toEqual(['id', 'token', 'guild_id']);
    expect(result.error.join()).not.toContain('yyy');
  });
});

describe('message commands and messages', () => {
  const message = {
    id: '77',
    channel_id: '33',
    content: 'see https://arxiv.org/abs/2606.93392',
    author: { id: '88', username: 'grace', avatar: null },
    embeds: [{ type: 'link', url: 'https://huggingface.co/papers/2606.93681', title: 'Gridlock' }],
    attachments: [],
    timestamp: '2026-07-14T07:55:00.000000+00:00',
  };
  const messageCommand = (data: Record<string, unknown>) =>
    command({ id: '44', name: 'Paper card', type: 3, target_id: '77', ...data });

  it('reads the message a message command was run on: its author, text and embed URLs', () => {
    expect(parseInteraction(messageCommand({ resolved: { messages: { 77: message } } }))).toEqual({
      ok: true,
      value: {
        type: 2,
        id: '11',
        token: 'tok',
        guild_id: '22',
        channel_id: '33',
        data: {
          name: 'Paper card',
          type: 3,
          target_id: '77',
          resolved: {
            messages: {
              77: {
                id: '77',
                channel_id: '33',
                content: 'see https://arxiv.org/abs/2606.93392',
                author: { id: '88' },
                embeds: [{ url: 'https://huggingface.co/papers/2606.93681' }],
              },
            },
          },
        },
      },
    });
  });

  it('refuses a message command without its target message, or with a malformed one', () => {
    const problems = (data: Record<string, unknown>) => {
      const result = parseInteraction(messageCommand(data));
      return result.ok ? [] : result.error;
    };
    expect(problems({})).toEqual(['data.resolved: Invalid input: expected object, received undefined']);
    expect(problems({ resolved: { messages: { 78: { ...message, id: '78' } } } })).toEqual([
      'data.resolved.messages: the target message is not in resolved.messages',
    ]);
    expect(problems({ resolved: { messages: { 77: { ...message, author: { id: 'me' } } } } })[0]).toMatch(
      /^data\.resolved\.messages\.77\.author\.id: /,
    );
    expect(
      problems({ resolved: { messages: { 77: { ...message, content: 'x'.repeat(4001) } } } })[0],
    ).toMatch(/^data\.resolved\.messages\.77\.content: /);
    expect(problems({ target_id: undefined, resolved: { messages: { 77: message } } })[0]).toMatch(
      /^data\.target_id: /,
    );
  });

  it('keeps reading user commands and slash commands without a type as before', () => {
    expect(parseInteraction(command({ name: 'High Five', type: 2, target_id: '88' }))).toMatchObject({
      ok: true,
      value: { data: { name: 'High Five', type: 2 } },
    });
    expect(parseInteraction(command({ name: 'papers' }))).toMatchObject({
      ok: true,
      value: { data: { name: 'papers' } },
    });
    expect(parseInteraction(command({ name: 'papers', type: 4 })).ok).toBe(false);
  });

  it('reads a gateway MESSAGE_CREATE, and tells people from bots, webhooks and system messages', () => {
    const parsed = parseGatewayMessage({ ...message, guild_id: '22', type: 0, member: { roles: [] } });
    expect(parsed).toEqual({
      ok: true,
      value: {
        id: '77',
        channel_id: '33',
        guild_id: '22',
        type: 0,
        content: 'see https://arxiv.org/abs/2606.93392',
        author: { id: '88' },
        embeds: [{ url: 'https://huggingface.co/papers/2606.93681' }],
      },
    });
    if (!parsed.ok) return;
    expect(isWrittenByPerson(parsed.value)).toBe(true);
    expect(isWrittenByPerson({ ...parsed.value, type: 19 })).toBe(true);
    expect(isWrittenByPerson({ ...parsed.value, author: { id: '88', bot: true } })).toBe(false);
    expect(isWrittenByPerson({ ...parsed.value, webhook_id: '99' })).toBe(false);
    expect(isWrittenByPerson({ ...parsed.value, type: 7 })).toBe(false);
    expect(parseGatewayMessage({ ...message, id: undefined })).toEqual({
      ok: false,
      error: ['id: Invalid input: expected string, received undefined'],
    });
  });
});

describe('modal submits in the interaction schema', () => {
  const submit = (components: unknown) => ({
    type: 5,
    id: '11',
    token: 'tok',
    guild_id: '22',
    channel_id: '33',
    member: { permissions: '16' },
    message: { id: '44', content: 'dropped' },
    data: { custom_id: 'p|m|subs', components },
  });

  it('reads text inputs in action rows and in labels, keeping the message id', () => {
    const parsed = parseInteraction(
      submit([
        { type: 1, components: [{ type: 4, custom_id: 'add', value: 'lora', id: 1 }] },
        { type: 18, id: 2, component: { type: 4, custom_id: 'remove', value: '' } },
      ]),
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        type: 5,
        message: { id: '44' },
        data: {
          custom_id: 'p|m|subs',
          components: [
            { type: 1, components: [{ type: 4, custom_id: 'add', value: 'lora' }] },
            { type: 18, component: { type: 4, custom_id: 'remove', value: '' } },
          ],
        },
      },
    });
  });

  it.each([
    ['no components', [], 'data.components'],
    [
      'a value over 4000 characters',
      [{ type: 1, components: [{ type: 4, custom_id: 'add', value: 'x'.repeat(4001) }] }],
      'value',
    ],
    [
      'six rows',
      Array.from({ length: 6 }, () => ({ type: 1, components: [{ type: 4, custom_id: 'a', value: '' }] })),
      'data.components',
    ],
    ['a row of something else', [{ type: 1, components: [{ type: 2, custom_id: 'a', value: '' }] }], 'type'],
  ])('refuses a modal submit with %s', (_name, components, path) => {
    const parsed = parseInteraction(submit(components));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.join('; ')).toContain(path);
  });
});

describe('canManageChannels', () => {
  it('reads Manage Channels and Administrator from decimal strings of any size', () => {
    expect(canManageChannels('16')).toBe(true);
    expect(canManageChannels('8')).toBe(true);
    expect(canManageChannels('9007199254740991')).toBe(true);
    expect(canManageChannels(String(1n << 60n))).toBe(false);
    expect(canManageChannels(String((1n << 60n) | 16n))).toBe(true);
    expect(canManageChannels('2048')).toBe(false);
    expect(canManageChannels(undefined)).toBe(false);
    expect(canManageChannels('-16')).toBe(false);
    expect(canManageChannels('0x10')).toBe(false);
  });
});
