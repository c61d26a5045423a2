import { createDiscordAdapter } from '../src/adapters/discord/discord-adapter.js';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.js';
import { type Config, parseConfig } from '../src/config.js';
import { silentLogger } from '../src/core/logger.js';
import { openDatabase } from '../src/db/database.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createModelServices } from '../src/model-services.js';
import { createDeliveryWorker } from '../src/scheduler/delivery-worker.js';
import { createDigestScheduler } from '../src/scheduler/digest-scheduler.js';
import { createTldrWorker } from '../src/scheduler/tldr-worker.js';
import { wakeOnDeliveries } from '../src/scheduler/wake-on-deliveries.js';
import { createChannelStore } from '../src/store/channel-store.js';
import { createDeliveryQueue } from '../src/store/delivery-queue.js';
import { createStoreBotDependencies } from '../src/store/store-bot-dependencies.js';
import { APPLICATION_ID } from '../test/adapters/discord/discord-fixtures.js';

/**
 * The bot's side of scenario 3, in a process of its own so that its peak RSS is the bot's: the real Slack and
 * Discord posters, delivery worker and digest tick on the bench's database, posting to the fakes the bench
 * process runs. Its clock is the real one moved back by BENCH_CLOCK_OFFSET_MS, so the digests are due now.
 * Prints JSON lines: `{"ready":true}` as it starts work, `{"tick":…}` once everything is queued, and
 * `{"stopped":…}` when SIGTERM has stopped it. With BENCH_BOT_TICKS=0 it only posts what others queue (the
 * first-post scenario, where the bench process claims the digests as another replica would).
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
function configFrom(values: Record<string, string>): Config {
  const parsed = parseConfig(values);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}
const say = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

const offset = Number(env('BENCH_CLOCK_OFFSET_MS'));
const clock = () => new Date(Date.now() - offset);
const handle = await openDatabase({ url: env('BENCH_FANOUT_URL'), migrate: false });
const { db } = handle;
const http = createHttpServer(silentLogger);
const context = {
  bot: createStoreBotDependencies(db, silentLogger),
  http,
  db,
  logger: silentLogger,
  now: clock,
};
const slackAdapter = createSlackAdapter({
  ...context,
  config: configFrom({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_API_URL: env('BENCH_SLACK_API_URL'),
  }),
});
const discordAdapter = createDiscordAdapter({
  ...context,
  config: configFrom({
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: '0'.repeat(64),
    DISCORD_GATEWAY: 'false',
    DISCORD_API_URL: env('BENCH_DISCORD_API_URL'),
  }),
});
await slackAdapter.start();
await discordAdapter.start();

const config = configFrom({});
// With BENCH_LLM_URL the bot has a model: TL;DRs are written in the background and put into digests.
const model = process.env.BENCH_LLM_URL
  ? createModelServices(
      configFrom({
        LLM_BASE_URL: process.env.BENCH_LLM_URL,
        LLM_MODEL: 'bench-model',
        LLM_DAILY_TOKENS: '0',
        LLM_CONCURRENCY: '4',
      }),
      db,
      silentLogger,
    )
  : null;
const tldrWorker = model
  ? // On the real clock, as the filler that queues its urgent jobs: the bench's clock only makes digests due.
    createTldrWorker({ ...model, leaseMs: 120_000, logger: silentLogger })
  : null;
if (model && tldrWorker) model.onUrgentTldr(tldrWorker.wake);
let started = 0;
const lastSent: Record<string, number> = {};
const worker = createDeliveryWorker({
  queue: createDeliveryQueue(db),
  channels: createChannelStore(db),
  posters: [slackAdapter.poster, discordAdapter.poster],
  owner: 'bench',
  leaseMs: config.DELIVERY_LEASE,
  maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
  concurrency: config.DELIVERY_CONCURRENCY,
  logger: silentLogger,
  now: clock,
  ...(model ? { tldrs: model.filler } : {}),
  onOutcome: (event) => {
    if (event.outcome === 'sent') lastSent[event.platform] = performance.now() - started;
  },
});
const scheduler = createDigestScheduler({
  db,
  owner: 'bench',
  graceMs: config.DIGEST_GRACE,
  logger: silentLogger,
  ...(model ? { tldrMemory: model.tldrMemory } : {}),
});

process.once('SIGTERM', () => {
  void (async () => {
    await worker.stop(5_000);
    await tldrWorker?.stop();
    await slackAdapter.stop();
    await discordAdapter.stop();
    await handle.close();
    clearInterval(sample);
    say({
      stopped: { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), sampled: peak, lastSent },
    });
    process.exit(0);
  })();
});

// What the process took once started (code, clients, pools), and what the heap, native buffers and the rest
// take at their largest, sampled each second.
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const atReady = process.memoryUsage();
const peak = {
  readyRssMb: mb(atReady.rss),
  readyHeapMb: mb(atReady.heapUsed),
  heapMb: 0,
  heapTotalMb: 0,
  externalMb: 0,
  rssMb: 0,
};
const sample = setInterval(() => {
  const usage = process.memoryUsage();
  peak.heapMb = Math.max(peak.heapMb, mb(usage.heapUsed));
  peak.heapTotalMb = Math.max(peak.heapTotalMb, mb(usage.heapTotal));
  peak.externalMb = Math.max(peak.externalMb, mb(usage.external));
  peak.rssMb = Math.max(peak.rssMb, mb(usage.rss));
}, 1000);

say({ ready: true });
started = performance.now();
worker.start();
tldrWorker?.start();
wakeOnDeliveries(handle, worker, silentLogger);
if (process.env.BENCH_BOT_TICKS !== '0') {
  const tick = await scheduler.tick(clock());
  say({ tick: { claimed: tick.claimed, tickMs: performance.now() - started } });
}
