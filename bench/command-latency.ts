import { APPLICATION_ID, testKeyPair } from '../test/adapters/discord/discord-fixtures.js';
import { startFakeDiscord } from '../test/helpers/fake-discord.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import { startResponseUrlReceiver } from '../test/helpers/fake-slack-receivers.js';
import { startBotProcess } from './bot-process.js';
import { commandBurstRow, TOPICS, warmUp } from './command-load.js';
import { COMMAND_SECONDS, commandRateRows, openLoopRow, rateStep } from './command-rates.js';
import { discordCommandSender, slackCommandSender } from './command-senders.js';
import { trackDiscordAnswers } from './discord-answers.js';
import { withLoadStats } from './load-stats.js';
import type { BenchRow } from './measure.js';

const SECRET = 'bench-signing-secret';
const PORT = 3990;
/**
 * `/papers help` runs at the top rate of the ack target: what acks cost there without the database. A third
 * of a rate's time is enough for its p99 (1,000 acks) and keeps the scenario short.
 */
const HELP_PER_SECOND = 100;
const HELP_SECONDS = Math.max(1, Math.round(COMMAND_SECONDS / 3));
const TOPIC_COMMAND = 'signed /papers topic:<varied>';

/**
 * Scenario 1: the built service (`dist/main.js`) with Slack (HTTP mode) and Discord (HTTP interactions) on
 * the given database, in a process of its own; this process plays both platforms. For each platform, after
 * 100 commands one at a time to warm up: open-loop Poisson arrivals of varied `/papers topic:<...>` commands
 * at rising rates (`command-rates.ts`); on Slack, `/papers help` at 100/s (no database: the cost of acks alone);
 * then the old burst as a stress test (on Slack only: one burst per backend says how a queue drains). Slack answers not ready within the ack budget follow through
 * response_url; a deferred Discord answer arrives as an edit of `@original`.
 */
export async function benchCommands(
  backend: string,
  database: Record<string, string>,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const slack = await startFakeSlack();
  const responses = await startResponseUrlReceiver();
  const discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const answers = trackDiscordAnswers(discord);
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
  const topic = (index: number) => TOPICS[index % TOPICS.length] ?? 'lora';
  const slackTarget = { url: bot.url, secret: SECRET, responses };
  const slackTopics = slackCommandSender(slackTarget, (index) => `topic:${topic(index)}`);
  const slackHelp = slackCommandSender(slackTarget, () => 'help');
  const discordTopics = discordCommandSender({ url: bot.url, privateKey }, answers, topic);
  const measure = (run: () => Promise<BenchRow>) => withLoadStats(bot, run);
  const slackLadder = { scenario: 'slack command', backend, command: TOPIC_COMMAND, measure, log };
  const discordLadder = { ...slackLadder, scenario: 'discord command' };
  try {
    log(`${backend}: slack warm-up`);
    await warmUp(slackTopics);
    const slackRows = await commandRateRows({ ...slackLadder, send: slackTopics });
    log(`${backend}: slack help commands at ${HELP_PER_SECOND}/s`);
    const help = { ...slackLadder, command: 'signed /papers help (no database: acks alone)' };
    const helpStep = rateStep(help, HELP_PER_SECOND, { answerTarget: false, seconds: HELP_SECONDS });
    slackRows.push(await measure(() => openLoopRow(helpStep, slackHelp)));
    log(`${backend}: slack stress burst`);
    slackRows.push(
      await measure(() => commandBurstRow('slack command', backend, TOPIC_COMMAND, slackTopics)),
    );
    log(`${backend}: discord warm-up`);
    await warmUp(discordTopics);
    const discordRows = await commandRateRows({ ...discordLadder, send: discordTopics });
    return [...slackRows, ...discordRows];
  } finally {
    await bot.stop();
    await responses.close();
    await slack.close();
    await discord.close();
  }
}
