import { createDiscordAdapter } from '../src/adapters/discord/discord-adapter.js';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.js';
import { type Config, parseConfig } from '../src/config.js';
import { silentLogger } from '../src/core/logger.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createStoreBotDependencies } from '../src/store/store-bot-dependencies.js';
import {
  APPLICATION_ID,
  commandInteraction,
  postInteraction,
  testKeyPair,
} from '../test/adapters/discord/discord-fixtures.js';
import { type InitialResponse, startFakeDiscord } from '../test/helpers/fake-discord.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import {
  postSigned,
  slashCommandBody,
  startResponseUrlReceiver,
} from '../test/helpers/fake-slack-receivers.js';
import { commandLoadRow, TOPICS } from './command-load.js';
import type { BenchRow } from './measure.js';

const SECRET = 'bench-signing-secret';

function configFrom(env: Record<string, string>): Config {
  const parsed = parseConfig(env);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

/**
 * Scenario 1, Slack: correctly signed `/papers topic:<varied>` slash commands through the real HTTP server and
 * Bolt against the given store. Answers not ready within the adapter's ack budget follow via response_url.
 */
export async function benchSlackCommands(backend: string, handle: DatabaseHandle): Promise<BenchRow> {
  const bot = createStoreBotDependencies(handle.db, silentLogger);
  const fake = await startFakeSlack();
  const responses = await startResponseUrlReceiver();
  const http = createHttpServer(silentLogger);
  const config = configFrom({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  const context = { config, bot, http, db: handle.db, logger: silentLogger, now: () => new Date() };
  const adapter = createSlackAdapter(context);
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/slack/events`;
  try {
    return await commandLoadRow('slack command', backend, 'signed /papers topic:<varied>', async (index) => {
      const body = slashCommandBody({
        text: `topic:${TOPICS[index % TOPICS.length]}`,
        responseUrl: responses.url(String(index)),
        channelId: `C${index % 100}`,
      });
      const result = await postSigned(url, body, { secret: SECRET });
      const inAck = result.text !== '';
      return {
        ok: result.status === 200,
        answered: inAck ? Promise.resolve() : responses.waitFor(String(index), 1, 300_000).then(() => {}),
      };
    });
  } finally {
    await adapter.stop();
    await http.close();
    await responses.close();
    await fake.close();
  }
}

/**
 * Scenario 1, Discord: signed `/papers topic:<varied>` interactions to `POST /discord/interactions` (HTTP
 * interactions, no gateway) against the given store. A deferred answer arrives as an edit of `@original`.
 */
export async function benchDiscordCommands(backend: string, handle: DatabaseHandle): Promise<BenchRow> {
  const bot = createStoreBotDependencies(handle.db, silentLogger);
  const discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const { privateKey, publicKeyHex } = testKeyPair();
  const http = createHttpServer(silentLogger);
  const config = configFrom({
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_GATEWAY: 'false',
    DISCORD_API_URL: discord.api,
  });
  const context = { config, bot, http, db: handle.db, logger: silentLogger, now: () => new Date() };
  const adapter = createDiscordAdapter(context);
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/discord/interactions`;
  try {
    return await commandLoadRow(
      'discord command',
      backend,
      'signed /papers topic:<varied>',
      async (index) => {
        const token = `bench-${index}`;
        const topic = { name: 'topic', type: 3, value: TOPICS[index % TOPICS.length] };
        const body = JSON.stringify(
          commandInteraction('papers', [topic], { token, id: String(6e17 + index) }),
        );
        const response = await postInteraction(url, body, { privateKey });
        const initial = (await response.json()) as InitialResponse;
        return {
          ok: response.status === 200,
          answered: discord.answerFor(token, initial).then(() => {}),
        };
      },
    );
  } finally {
    await adapter.stop();
    await http.close();
    await discord.close();
  }
}
