import { eq, sql } from 'drizzle-orm';
import { DEFAULT_SETTINGS } from '../src/core/channel.js';
import { silentLogger } from '../src/core/logger.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { channels } from '../src/db/schema.js';
import { createDigestScheduler } from '../src/scheduler/digest-scheduler.js';
import { APPLICATION_ID } from '../test/adapters/discord/discord-fixtures.js';
import { startFakeDiscord } from '../test/helpers/fake-discord.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import { spawnFanOutBot } from './compiled-bot.js';
import { botMessages } from './fan-out.js';
import { type BenchRow, percentile } from './measure.js';

const DIGESTS = Number(process.env.BENCH_FIRST_POST_DIGESTS ?? 200);
/** A Monday 09:00 UTC inside the synthetic store's dates, as in the fan-out. */
const DUE = new Date('2026-06-15T09:00:00Z');
const TARGET_P99_MS = 100;

/**
 * How long a claimed digest waits before its first post: the bot process (fan-out-bot.ts, the real delivery
 * worker and posters, idle) posts while this process, as another replica's digest tick, claims one digest at a
 * time at random intervals (50-250 ms). Measured from the claim's commit to the fake platform receiving the
 * digest's first post; half the channels are on Slack, half on Discord, and the fakes neither limit nor fail.
 */
export async function benchFirstPost(
  backend: string,
  handle: DatabaseHandle & { url: string },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { db } = handle;
  await db.execute(
    sql`truncate channels, subscriptions, delivered_papers, digest_slots, deliveries restart identity cascade`,
  );
  const offset = Date.now() - DUE.getTime() - 1000;
  const clock = () => new Date(Date.now() - offset);
  const off = { ...DEFAULT_SETTINGS, schedule: { ...DEFAULT_SETTINGS.schedule, enabled: false } };
  const on = {
    ...DEFAULT_SETTINGS,
    threads: true,
    schedule: { enabled: true, time: '09:00', timezone: 'UTC', days: { kind: 'daily' as const } },
  };
  const refs = Array.from({ length: DIGESTS }, (_, index) =>
    index % 2 === 0
      ? { platform: 'slack' as const, workspaceId: 'T1', channelId: `CFIRST${index}` }
      : {
          platform: 'discord' as const,
          workspaceId: '900000000000000000',
          channelId: String(810_000_000_000_000_000n + BigInt(index)),
        },
  );
  await db.insert(channels).values(refs.map((ref) => ({ ...ref, settings: off })));

  const firstPost = new Map<string, number>();
  const slack = await startFakeSlack();
  slack.rule('chat.postMessage', (params) => {
    const channel = String(params.channel);
    if (!firstPost.has(channel)) firstPost.set(channel, performance.now());
    return undefined;
  });
  const discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  discord.intercept((call) => {
    const match = /^\/channels\/(\d+)\/messages$/.exec(call.path);
    if (call.method === 'POST' && match?.[1] && !firstPost.has(match[1]))
      firstPost.set(match[1], performance.now());
    return undefined;
  });

  log(
    `${backend}: first posts of ${DIGESTS} digests claimed one at a time (the bot in a process of its own)`,
  );
  const bot = spawnFanOutBot({
    BENCH_FANOUT_URL: handle.url,
    BENCH_SLACK_API_URL: slack.apiUrl,
    BENCH_DISCORD_API_URL: discord.api,
    BENCH_CLOCK_OFFSET_MS: String(offset),
    BENCH_BOT_TICKS: '0',
  });
  const said = botMessages(bot);
  const exited = new Promise<number | null>((resolve) => bot.on('close', resolve));
  await said.next('ready', exited);
  // Let the worker's first look at the (empty) queue pass, so every post below comes from a wake-up.
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const scheduler = createDigestScheduler({
    db,
    owner: 'bench-replica',
    graceMs: 6 * 3_600_000,
    logger: silentLogger,
  });
  const claimedAt = new Map<string, number>();
  const tickMs: number[] = [];
  for (const ref of refs) {
    await db
      .update(channels)
      .set({ settings: on, scheduleChangedAt: new Date(DUE.getTime() - 86_400_000) })
      .where(eq(channels.channelId, ref.channelId));
    const started = performance.now();
    const tick = await scheduler.tick(clock());
    claimedAt.set(ref.channelId, performance.now());
    tickMs.push(performance.now() - started);
    if (tick.claimed !== 1) throw new Error(`expected one digest claimed, got ${JSON.stringify(tick)}`);
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
  }
  for (let waited = 0; firstPost.size < DIGESTS && waited < 30_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  bot.kill('SIGTERM');
  await said.next('stopped', exited).catch(() => {});
  await exited;
  await slack.close();
  await discord.close();

  const waits = refs.map(
    (ref) => (firstPost.get(ref.channelId) ?? Number.NaN) - (claimedAt.get(ref.channelId) ?? 0),
  );
  const posted = waits.filter((wait) => Number.isFinite(wait));
  const p50 = percentile(posted, 50);
  const p99 = percentile(posted, 99);
  const max = Math.max(...posted);
  const round = (value: number) => Math.round(value * 10) / 10;
  return [
    {
      scenario: 'first post',
      backend,
      inputs: `${DIGESTS} digests (half Slack, half Discord) claimed one at a time by another replica, 50-250 ms apart`,
      figure: `claim to first post p50 ${round(p50)} ms, p99 ${round(p99)} ms, max ${round(max)} ms; ${DIGESTS - posted.length} not posted`,
      target: `p99 < ${TARGET_P99_MS} ms`,
      met: p99 < TARGET_P99_MS && posted.length === DIGESTS,
      details: { p50, p99, max, posted: posted.length, tickP50Ms: percentile(tickMs, 50) },
    },
  ];
}
