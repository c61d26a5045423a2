import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Database } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeSlack, slackError, startFakeSlack } from '../../helpers/fake-slack.js';
import { slackConfig } from './slack-harness.js';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => fake?.close());

const adapter = (env: Record<string, string> = {}) =>
  createSlackAdapter({
    config: slackConfig(fake, env),
    bot: { channels: {} } as BotDependencies,
    http: createHttpServer(silentLogger),
    db: {} as Database,
    logger: silentLogger,
    now: () => new Date(),
  });

describe('starting the Slack adapter', () => {
  it('says which token Slack rejected and where to find a good one', async () => {
    fake.rule('auth.test', () => slackError('invalid_auth'));
    await expect(adapter().start()).rejects.toThrow(
      "Slack rejected SLACK_BOT_TOKEN (auth.test: invalid_auth). Copy the Bot User OAuth Token (xoxb-...) from your Slack app's Install App page.",
    );
  });

  it('refuses to be created from an incomplete configuration, with what to set', () => {
    expect(() => adapter({ SLACK_SIGNING_SECRET: '' })).toThrow(
      'SLACK_SIGNING_SECRET is required for HTTP mode. Set it, or set SLACK_APP_TOKEN for Socket Mode.',
    );
  });
});
