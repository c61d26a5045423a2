import { describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../src/adapters/slack/channel-pacer.js';
import { createSecretBox } from '../../../src/adapters/slack/secret-box.js';
import { classifySlackError } from '../../../src/adapters/slack/slack-errors.js';
import { resolveSlackMode, slackApiUrl } from '../../../src/adapters/slack/slack-mode.js';
import { parseConfig } from '../../../src/config.js';
import { PermanentDeliveryError, RateLimitedError } from '../../../src/core/delivery/poster.js';

const KEY = 'ab'.repeat(32);
const mode = (env: Record<string, string>) => {
  const parsed = parseConfig(env);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return resolveSlackMode(parsed.config);
};
const oauthEnv = {
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret',
  SLACK_SIGNING_SECRET: 'signing-secret',
  PAPERBOY_SECRET_KEY: KEY,
};

describe('resolveSlackMode', () => {
  it('is null when no Slack variable is set', () => {
    expect(mode({})).toEqual({ ok: true, value: null });
  });

  it('picks HTTP for a bot token and a signing secret', () => {
    expect(mode({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual({
      ok: true,
      value: { kind: 'http', botToken: 'xoxb-1', signingSecret: 's' },
    });
  });

  it('picks Socket Mode for an app token and a bot token', () => {
    expect(mode({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual({
      ok: true,
      value: { kind: 'socket', botToken: 'xoxb-1', appToken: 'xapp-1' },
    });
  });

  it('picks OAuth for the client credentials, with the secret key as 32 bytes', () => {
    const resolved = mode(oauthEnv);
    expect(resolved.ok && resolved.value?.kind).toBe('oauth');
    expect(resolved.ok && resolved.value?.kind === 'oauth' && resolved.value.secretKey).toEqual(
      Buffer.from(KEY, 'hex'),
    );
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'SLACK_SIGNING_SECRET is required for HTTP mode. Set it, or set SLACK_APP_TOKEN for Socket Mode.',
    ],
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      "SLACK_BOT_TOKEN is required for Socket Mode. Set it to the app's Bot User OAuth Token (xoxb-...).",
    ],
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN is required for one workspace (HTTP mode).'],
  ])('says what to set when a mode is incomplete: %o', (env, message) => {
    const resolved = mode(env);
    expect(resolved.ok).toBe(false);
    expect(!resolved.ok && resolved.error[0]).toContain(message);
  });

  it('lists every missing OAuth variable, and the ones that do not belong', () => {
    const resolved = mode({ SLACK_CLIENT_ID: '1', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(!resolved.ok && resolved.error.map((line) => line.split(' ')[0])).toEqual([
      'SLACK_CLIENT_SECRET',
      'SLACK_STATE_SECRET',
      'SLACK_SIGNING_SECRET',
      'PAPERBOY_SECRET_KEY',
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
    ]);
  });

  it('gives web-api its slackApiUrl with the trailing slash back', () => {
    const parsed = parseConfig({ SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(parsed.ok && slackApiUrl(parsed.config)).toBe('http://127.0.0.1:9/api/');
  });
});

describe('the channel pacer', () => {
  it('spaces posts to one channel a second apart, and lets other channels go at once', async () => {
    let now = 0;
    const waits: [string, number][] = [];
    const pacer = createChannelPacer({
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    for (const key of ['A', 'A', 'B', 'A']) {
      await pacer.wait(key);
      waits.push([key, now]);
    }
    expect(waits).toEqual([
      ['A', 0],
      ['A', 1000],
      ['B', 1000],
      ['A', 2000],
    ]);
  });
});

describe('classifying Slack errors', () => {
  it('turns a 429 into a wait, a permanent code into a deactivation, and leaves the rest to backoff', () => {
    const limited = classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(30_000);
    const gone = classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'is_archived' } });
    expect((gone as PermanentDeliveryError).reason).toBe('is_archived');
    expect(gone).toBeInstanceOf(PermanentDeliveryError);
    const other = { code: 'slack_webapi_http_error', statusCode: 503 };
    expect(classifySlackError(other)).toBe(other);
  });
});

describe('the secret box', () => {
  it('round-trips, and refuses a ciphertext moved to another row or sealed with another key', () => {
    const box = createSecretBox(Buffer.from(KEY, 'hex'));
    const sealed = box.seal('xoxb-secret', 'team:T1');
    expect(sealed).not.toContain('xoxb');
    expect(box.open(sealed, 'team:T1')).toBe('xoxb-secret');
    expect(() => box.open(sealed, 'team:T2')).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 1)).open(sealed, 'team:T1')).toThrow();
    expect(box.seal('xoxb-secret', 'team:T1')).not.toBe(sealed);
  });
});
