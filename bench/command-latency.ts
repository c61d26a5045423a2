import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.js';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/core/logger.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createStoreBotDependencies } from '../src/store/store-bot-dependencies.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import {
  postSigned,
  slashCommandBody,
  startResponseUrlReceiver,
} from '../test/helpers/fake-slack-receivers.js';
import { type BenchRow, percentile } from './measure.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 2000);
const CONCURRENCY = 50;
const SECRET = 'bench-signing-secret';
const TOPICS = [
  'lora',
  'model',
  'agents',
  'diffusion',
  'robot',
  'pathology',
  'kronecker',
  'grokking',
  'EEG',
  'benchmark',
];

/**
 * Scenario 1 (Slack half): correctly signed `/papers topic:<varied>` slash commands, 50 at a time, through the
 * real HTTP server and Bolt against the given store; the figure is the time until Slack's request is answered
 * (the ack). Answers not ready within the adapter's ack budget go out through response_url afterwards.
 */
export async function benchSlackCommands(backend: string, handle: DatabaseHandle): Promise<BenchRow> {
  const bot = createStoreBotDependencies(handle.db, silentLogger);
  const fake = await startFakeSlack();
  const responses = await startResponseUrlReceiver();
  const http = createHttpServer(silentLogger);
  const parsed = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const adapter = createSlackAdapter({
    config: parsed.config,
    bot,
    http,
    db: handle.db,
    logger: silentLogger,
    now: () => new Date(),
  });
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/slack/events`;
  const times: number[] = [];
  let failures = 0;
  let next = 0;
  const client = async () => {
    while (next < COMMANDS) {
      const index = next++;
      const body = slashCommandBody({
        text: `topic:${TOPICS[index % TOPICS.length]}`,
        responseUrl: responses.url(String(index)),
        channelId: `C${index % 100}`,
      });
      // A reset connection or an error status counts as a failed command (Slack would show an error).
      const result = await postSigned(url, body, { secret: SECRET }).catch(() => null);
      if (result?.status === 200) times.push(result.ms);
      else failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const wallMs = performance.now() - started;
  await adapter.stop();
  await http.close();
  await responses.close();
  await fake.close();
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  return {
    scenario: 'slack command ack',
    backend,
    inputs: `${COMMANDS} signed /papers topic:<varied>, ${CONCURRENCY} at a time`,
    figure: `p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms, ${failures} failed, ${Math.round(COMMANDS / (wallMs / 1000))}/s`,
    target: 'p99 < 50 ms (Slack allows 3000)',
    met: p99 < 50 && failures === 0,
    details: { p50, p99, failures, wallMs },
  };
}
