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
import { type BotProcess, startBotProcess } from './bot-process.js';
import { commandLoadRow, TOPICS } from './command-load.js';
import type { BenchRow } from './measure.js';

const SECRET = 'bench-signing-secret';
const PORT = 3990;

/**
 * Scenario 1: the built service (`dist/main.js`) with Slack (HTTP mode) and Discord (HTTP interactions) on
 * the given database, in a process of its own; this process plays both platforms. First correctly signed
 * `/papers topic:<varied>` slash commands to `POST /slack/events` (answers not ready within the ack budget
 * follow through response_url), the same number of `/papers help` (no database: the cost of acks alone),
 * then signed interactions to `POST /discord/interactions` (a deferred answer arrives as an edit of
 * `@original`).
 */
export async function benchCommands(
  backend: string,
  database: Record<string, string>,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const slack = await startFakeSlack();
  const responses = await startResponseUrlReceiver();
  const discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const { privateKey, publicKeyHex } = testKeyPair();
  const bot = await startBotProcess(
    {
      ...database,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'bench-token',
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_GATEWAY: 'false',
      DISCORD_API_URL: discord.api,
    },
    PORT,
  );
  try {
    const slackCommands = (run: string, label: string, text: (index: number) => string) =>
      withBotStats(bot, () =>
        commandLoadRow('slack command', backend, `signed /papers ${label}`, async (index) => {
          const id = `${run}-${index}`;
          const body = slashCommandBody({
            text: text(index),
            responseUrl: responses.url(id),
            channelId: `C${index % 100}`,
          });
          const result = await postSigned(`${bot.url}/slack/events`, body, { secret: SECRET });
          const inAck = result.text !== '';
          return {
            ok: result.status === 200,
            answered: inAck ? Promise.resolve() : responses.waitFor(id, 1, 300_000).then(() => {}),
          };
        }),
      );
    log(`${backend}: slack commands`);
    const slackRow = await slackCommands(
      'topic',
      'topic:<varied>',
      (index) => `topic:${TOPICS[index % TOPICS.length]}`,
    );
    // The same load with an answer that needs no database: what acks cost on this machine by themselves.
    log(`${backend}: slack help commands`);
    const helpRow = await slackCommands('help', 'help', () => 'help');
    log(`${backend}: discord commands`);
    const discordRow = await withBotStats(bot, () =>
      commandLoadRow('discord command', backend, 'signed /papers topic:<varied>', async (index) => {
        const token = `bench-${index}`;
        const topic = { name: 'topic', type: 3, value: TOPICS[index % TOPICS.length] };
        const body = JSON.stringify(
          commandInteraction('papers', [topic], { token, id: String(6e17 + index) }),
        );
        const response = await postInteraction(`${bot.url}/discord/interactions`, body, { privateKey });
        const initial = (await response.json()) as InitialResponse;
        return {
          ok: response.status === 200,
          answered: discord.answerFor(token, initial).then(() => {}),
        };
      }),
    );
    return [slackRow, helpRow, discordRow];
  } finally {
    await bot.stop();
    await responses.close();
    await slack.close();
    await discord.close();
  }
}

/** Adds the bot process's CPU time and event-loop lag during `run` to its row. */
async function withBotStats(bot: BotProcess, run: () => Promise<BenchRow>): Promise<BenchRow> {
  const before = await bot.stats();
  const row = await run();
  const after = await bot.stats();
  const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
  return {
    ...row,
    figure: `${row.figure}; bot event loop lag p99 ${Math.round(after.loopLagP99Ms)} ms, CPU ${cpuSeconds.toFixed(1)} s`,
    details: {
      ...row.details,
      bot: { cpuSeconds, loopLagP99Ms: after.loopLagP99Ms, loopLagMaxMs: after.loopLagMaxMs },
    },
  };
}
