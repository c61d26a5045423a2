import { describe, expect, it } from 'vitest';
import { resolveDiscordMode } from '../../../src/adapters/discord/discord-mode.js';

const APP = '100000000000000001';
const KEY = 'a'.repeat(64);
const base = { DISCORD_GATEWAY: true } as const;

describe('resolveDiscordMode', () => {
  it('is null when Discord is not configured', () => {
    expect(resolveDiscordMode(base)).toEqual({ ok: true, value: null });
  });

  it('uses the gateway by default, and also serves HTTP interactions when the public key is set', () => {
    expect(resolveDiscordMode({ ...base, DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP })).toEqual({
      ok: true,
      value: {
        gateway: true,
        http: false,
        token: 't',
        applicationId: APP,
        apiUrl: 'https://discord.com/api',
        messageContent: false,
      },
    });
    const both = resolveDiscordMode({
      ...base,
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: APP,
      DISCORD_PUBLIC_KEY: KEY,
    });
    expect(both).toMatchObject({ ok: true, value: { gateway: true, http: true, publicKey: KEY } });
  });

  it('runs HTTP interactions only with DISCORD_GATEWAY=false, pointed at DISCORD_API_URL', () => {
    const mode = resolveDiscordMode({
      DISCORD_GATEWAY: false,
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: APP,
      DISCORD_PUBLIC_KEY: KEY,
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(mode).toMatchObject({
      ok: true,
      value: { gateway: false, http: true, apiUrl: 'http://127.0.0.1:9/api' },
    });
  });

  it('says what to set when something is missing', () => {
    const result = resolveDiscordMode({ DISCORD_GATEWAY: false, DISCORD_PUBLIC_KEY: KEY });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.error;
    expect(errors[0]).toMatch(
      /^DISCORD_APPLICATION_ID is required to register commands and answer interactions\. Copy it from the Developer Portal/,
    );
    expect(errors[1]).toMatch(/^DISCORD_TOKEN is required to post digests/);
    const noKey = resolveDiscordMode({
      DISCORD_GATEWAY: false,
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: APP,
    });
    expect(noKey.ok ? [] : noKey.error).toEqual([
      'DISCORD_PUBLIC_KEY is required when DISCORD_GATEWAY=false (HTTP interactions only). Copy the Public Key from the Developer Portal (General Information), or set DISCORD_GATEWAY=true.',
    ]);
  });

  it('reads messages only over the gateway (DISCORD_MESSAGE_CONTENT)', () => {
    const on = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_MESSAGE_CONTENT: true };
    expect(resolveDiscordMode({ ...base, ...on })).toMatchObject({
      ok: true,
      value: { gateway: true, messageContent: true },
    });
    const httpOnly = resolveDiscordMode({ ...on, DISCORD_GATEWAY: false, DISCORD_PUBLIC_KEY: KEY });
    expect(httpOnly.ok ? [] : httpOnly.error).toEqual([
      'DISCORD_MESSAGE_CONTENT=true needs the gateway: Discord sends messages to bots only there. Set DISCORD_GATEWAY=true, or unset DISCORD_MESSAGE_CONTENT (the "Paper card" message command works either way).',
    ]);
  });
});
