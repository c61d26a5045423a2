import { describe, expect, it } from 'vitest';
import { parseInteraction } from '../../../src/adapters/discord/interaction-schema.js';
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
        data: { name: 'papers', options: [{ name: 'topic', type: 3, value: 'lora' }] },
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
