import type { ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { DEFAULT_SETTINGS } from '../src/core/channel.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { channels, deliveries } from '../src/db/schema.js';
import { APPLICATION_ID } from '../test/adapters/discord/discord-fixtures.js';
import { startFakeDiscord } from '../test/helpers/fake-discord.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import { spawnFanOutBot } from './compiled-bot.js';
import { cpuSnapshot, cpuUse } from './cpu-use.js';
import type { BenchRow } from './measure.js';

/**
 * How many channels fan out, where. 5,000 Slack channels over 100 workspaces (50 each) post with threads on: six
 * posts a digest, 300 per workspace, so Slack's 50/s per workspace allows it in ~6 s and its 1/s per channel in
 * ~5 s. 5,000 Discord channels over 50 guilds post with threads off: one request a digest, so Discord's global
 * 50/s sets the floor at ~100 s (with threads it would be four requests, ~400 s, too long for `npm run bench`).
 * BENCH_SLACK_CHANNELS, BENCH_SLACK_WORKSPACES, BENCH_DISCORD_CHANNELS and BENCH_DISCORD_GUILDS override these.
 */
export interface FanOutSize {
  slackChannels: number;
  slackWorkspaces: number;
  discordChannels: number;
  discordGuilds: number;
}
const fromEnv = (name: string, fallback: number) => Number(process.env[name] || fallback);
export const FAN_OUT_SIZE: FanOutSize = {
  slackChannels: fromEnv('BENCH_SLACK_CHANNELS', 5000),
  slackWorkspaces: fromEnv('BENCH_SLACK_WORKSPACES', 100),
  discordChannels: fromEnv('BENCH_DISCORD_CHANNELS', 5000),
  discordGuilds: fromEnv('BENCH_DISCORD_GUILDS', 50),
};
/**
 * The learning variant (`profileVotes`) stays at 1,000 + 1,000 channels: each of its digests scores its
 * channel's profile, so its tick takes several times as long per channel, and 10,000 of them would take the bench
 * well past its 30 minutes. BENCH_PROFILE_SLACK_CHANNELS and BENCH_PROFILE_DISCORD_CHANNELS override it.
 */
export const PROFILE_FAN_OUT_SIZE: FanOutSize = {
  slackChannels: fromEnv('BENCH_PROFILE_SLACK_CHANNELS', 1000),
  slackWorkspaces: 20,
  discordChannels: fromEnv('BENCH_PROFILE_DISCORD_CHANNELS', 1000),
  discordGuilds: 10,
};
/** The limits the fakes enforce, and how often they fail a call at random (half 429, half 500). */
const SLACK_PER_CHANNEL_MS = 1000;
const SLACK_PER_WORKSPACE_PER_SECOND = 50;
const DISCORD_GLOBAL_PER_SECOND = 50;
const FAILURE_RATE = 0.05;
/** A Monday 09:00 UTC inside the synthetic store's dates: every channel is due then. */
const DUE = new Date('2026-06-15T09:00:00Z');

/** A reproducible random sequence (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Timestamps of accepted calls in the last second: `full` when the limit is reached. */
function slidingSecond(limit: number) {
  const times: number[] = [];
  return {
    full(now: number): boolean {
      while (times.length > 0 && (times[0] ?? 0) <= now - 1000) times.shift();
      return times.length >= limit;
    },
    waitSeconds: (now: number) => Math.max(0.01, ((times[0] ?? now) + 1000 - now) / 1000),
    add: (now: number) => times.push(now),
  };
}

/**
 * Scenario 3: 10,000 channels (FAN_OUT_SIZE: 5,000 Slack over 100 workspaces with threads, 5,000 Discord over 50
 * guilds without), all due in the same minute. The real digest tick claims and queues every digest while the
 * real delivery worker posts them through the real Slack and Discord posters, against fakes that enforce 1
 * message/s per Slack channel, 50 messages/s per Slack workspace and Discord's 50 requests/s global limit, and
 * fail 5% of calls at random. Reports wall time against the floor those limits allow, duplicates, losses and the
 * peak RSS of the bot's process (fan-out-bot.ts compiled, with the image's node options; the fakes and the checks
 * run here).
 */
export async function benchFanOut(
  backend: string,
  handle: DatabaseHandle & { url: string },
  log: (line: string) => void,
  options: {
    /** Votes per channel on earlier Daily Papers, so every digest is chosen by a learned profile. */
    profileVotes?: number;
    /** Channels and where they are (default FAN_OUT_SIZE, or PROFILE_FAN_OUT_SIZE with `profileVotes`). */
    size?: FanOutSize;
    /**
     * Half the channels read German, so their digests want TL;DRs; with `llmUrl` the bot has a model there and
     * writes a backlog of TL;DRs while it posts (see fan-out-tldrs.ts).
     */
    tldrs?: { llmUrl: string | null; backlog: number };
    /** The label of the rows (default `digest fan-out`). */
    scenario?: string;
  } = {},
): Promise<BenchRow[]> {
  const { db } = handle;
  const size = options.size ?? ((options.profileVotes ?? 0) > 0 ? PROFILE_FAN_OUT_SIZE : FAN_OUT_SIZE);
  const slackWorkspaces = size.slackWorkspaces;
  const slackChannels = size.slackChannels;
  await db.execute(
    sql`truncate channels, subscriptions, delivered_papers, digest_slots, deliveries, paper_tldrs, tldr_jobs, model_usage restart identity cascade`,
  );
  // The bench's clock runs at real speed from one second after the due minute.
  const offset = Date.now() - DUE.getTime() - 1000;
  const _clock = () => new Date(Date.now() - offset);
  const schedule = { enabled: true, time: '09:00', timezone: 'UTC', days: { kind: 'daily' as const } };
  const slackSettings = { ...DEFAULT_SETTINGS, threads: true, schedule };
  const discordSettings = { ...DEFAULT_SETTINGS, threads: false, schedule };
  const reads = (settings: typeof slackSettings, index: number) =>
    options.tldrs && index % 2 === 1 ? { ...settings, language: 'de' } : settings;
  const rows: (typeof channels.$inferInsert)[] = [];
  const slackWorkspaceOf = new Map<string, string>();
  for (let index = 0; index < Math.max(slackChannels, size.discordChannels); index++) {
    if (index < slackChannels) {
      const workspace = `T${index % slackWorkspaces}`;
      const channelId = `C${index % slackWorkspaces}X${Math.floor(index / slackWorkspaces)}`;
      slackWorkspaceOf.set(channelId, workspace);
      rows.push({
        platform: 'slack',
        workspaceId: workspace,
        channelId,
        settings: reads(slackSettings, index),
        scheduleChangedAt: new Date(DUE.getTime() - 86_400_000),
      });
    }
    if (index < size.discordChannels) {
      const guild = String(900_000_000_000_000_000n + BigInt(index % size.discordGuilds));
      const channelId = String(800_000_000_000_000_000n + BigInt(index));
      rows.push({
        platform: 'discord',
        workspaceId: guild,
        channelId,
        settings: reads(discordSettings, index),
        scheduleChangedAt: new Date(DUE.getTime() - 86_400_000),
      });
    }
  }
  for (let start = 0; start < rows.length; start += 500)
    await db.insert(channels).values(rows.slice(start, start + 500));
  const profileVotes = options.profileVotes ?? 0;
  if (profileVotes > 0) await giveProfiles(handle, profileVotes);
  if (options.tldrs?.llmUrl) await queueBacklog(handle, options.tldrs.backlog);

  const random = seeded(7);
  const slack = await startFakeSlack();
  const slackPosts: { channel: string; key: string }[] = [];
  const lastSlackPost = new Map<string, number>();
  const workspaceWindows = new Map<string, ReturnType<typeof slidingSecond>>();
  const slackCounts = { limited: 0, failed: 0 };
  slack.rule('chat.postMessage', (params) => {
    const now = Date.now();
    const channel = String(params.channel);
    const roll = random();
    if (roll < FAILURE_RATE / 2) return { status: 429, retryAfterSeconds: 1 };
    if (roll < FAILURE_RATE) {
      slackCounts.failed += 1;
      return { status: 500 };
    }
    const workspace = slackWorkspaceOf.get(channel) ?? 'unknown';
    const window = workspaceWindows.get(workspace) ?? slidingSecond(SLACK_PER_WORKSPACE_PER_SECOND);
    workspaceWindows.set(workspace, window);
    // Slack allows short bursts; a 50 ms tolerance stands for that, not for a pacing error.
    if (now - (lastSlackPost.get(channel) ?? 0) < SLACK_PER_CHANNEL_MS - 50 || window.full(now)) {
      slackCounts.limited += 1;
      return { status: 429, retryAfterSeconds: 1 };
    }
    lastSlackPost.set(channel, now);
    window.add(now);
    slackPosts.push({ channel, key: `${String(params.thread_ts ?? '')}|${String(params.text)}` });
    return undefined;
  });

  const discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const global = slidingSecond(DISCORD_GLOBAL_PER_SECOND);
  const discordCounts = { limited: 0, failed: 0, accepted: 0 };
  discord.intercept(() => {
    const now = Date.now();
    const roll = random();
    if (roll < FAILURE_RATE / 2) return { status: 429, retryAfterSeconds: 1, global: false };
    if (roll < FAILURE_RATE) {
      discordCounts.failed += 1;
      return { status: 500 };
    }
    if (global.full(now)) {
      discordCounts.limited += 1;
      return { status: 429, retryAfterSeconds: global.waitSeconds(now), global: true };
    }
    global.add(now);
    discordCounts.accepted += 1;
    return undefined;
  });

  log(`${backend}: fan-out to ${rows.length} channels (the bot in a process of its own)`);
  const bot = spawnFanOutBot({
    BENCH_FANOUT_URL: handle.url,
    BENCH_SLACK_API_URL: slack.apiUrl,
    BENCH_DISCORD_API_URL: discord.api,
    BENCH_CLOCK_OFFSET_MS: String(offset),
    ...(options.tldrs?.llmUrl ? { BENCH_LLM_URL: options.tldrs.llmUrl } : {}),
  });
  const said = botMessages(bot);
  const exited = new Promise<number | null>((resolve) => bot.on('close', resolve));
  await said.next('ready', exited);
  const started = performance.now();
  const cpuAtStart = cpuSnapshot();
  const { tick } = await said.next<{ tick: { claimed: number; tickMs: number } }>('tick', exited);
  const cpuAtTick = cpuSnapshot();
  log(`${backend}: tick queued ${tick.claimed} digests in ${Math.round(tick.tickMs)} ms`);
  const statusCounts = async () => {
    const counted = await db
      .select({ status: deliveries.status, n: sql<number>`count(*)::int` })
      .from(deliveries)
      .groupBy(deliveries.status);
    return new Map(counted.map((entry) => [entry.status, entry.n]));
  };
  const deadline = performance.now() + 20 * 60_000;
  let counts = await statusCounts();
  while (
    performance.now() < deadline &&
    (counts.get('sent') ?? 0) + (counts.get('dead') ?? 0) < tick.claimed
  ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    counts = await statusCounts();
  }
  const wallMs = performance.now() - started;
  const cpuAtEnd = cpuSnapshot();
  bot.kill('SIGTERM');
  const { stopped } = await said.next<{
    stopped: { peakRssMb: number; sampled: Record<string, number>; lastSent: Record<string, number> };
  }>('stopped', exited);
  await exited;

  // What each channel shows, against what the worker recorded as posted.
  const recorded = await db
    .select({ platform: channels.platform, channelId: channels.channelId, messageIds: deliveries.messageIds })
    .from(deliveries)
    .innerJoin(channels, sql`${channels.id} = ${deliveries.channelId}`)
    .where(sql`${deliveries.status} = 'sent'`);
  const seen = new Map<string, string[]>();
  for (const post of slackPosts)
    seen.set(`slack:${post.channel}`, [...(seen.get(`slack:${post.channel}`) ?? []), post.key]);
  const threadParent = new Map<string, string>();
  for (const call of discord.calls)
    if (call.method === 'POST' && /\/messages\/\d+\/threads$/.test(call.path))
      threadParent.set(call.path.split('/')[4] ?? '', call.path.split('/')[2] ?? '');
  for (const message of discord.messages) {
    const channel = threadParent.get(message.channel_id) ?? message.channel_id;
    const key = `${message.channel_id}|${JSON.stringify(message.body.embeds ?? message.body.content)}`;
    seen.set(`discord:${channel}`, [...(seen.get(`discord:${channel}`) ?? []), key]);
  }
  let duplicates = 0;
  let losses = tick.claimed - (counts.get('sent') ?? 0);
  for (const delivery of recorded) {
    const keys = seen.get(`${delivery.platform}:${delivery.channelId}`) ?? [];
    const unique = new Set(keys).size;
    duplicates += keys.length - unique;
    losses += Math.max(0, delivery.messageIds.length - unique);
  }

  const slackByWorkspace = new Map<string, number>();
  const slackByChannel = new Map<string, number>();
  for (const post of slackPosts) {
    const workspace = slackWorkspaceOf.get(post.channel) ?? '';
    slackByWorkspace.set(workspace, (slackByWorkspace.get(workspace) ?? 0) + 1);
    slackByChannel.set(post.channel, (slackByChannel.get(post.channel) ?? 0) + 1);
  }
  const slackFloorMs = Math.max(
    ...[...slackByWorkspace.values()].map((count) => (count / SLACK_PER_WORKSPACE_PER_SECOND) * 1000),
    ...[...slackByChannel.values()].map((count) => (count - 1) * SLACK_PER_CHANNEL_MS),
  );
  const discordFloorMs = (discordCounts.accepted / DISCORD_GLOBAL_PER_SECOND) * 1000;
  const floorMs = Math.max(slackFloorMs, discordFloorMs);
  const ratio = wallMs / floorMs;

  await slack.close();
  await discord.close();
  const peakMb = stopped.peakRssMb;
  const inputs = `${slackChannels} Slack channels / ${slackWorkspaces} workspaces (threads) + ${size.discordChannels} Discord / ${size.discordGuilds} guilds (no threads), ${FAILURE_RATE * 100}% random 429/500${profileVotes > 0 ? `, each learning from ${profileVotes} votes` : ''}`;
  return [
    {
      scenario: options.scenario ?? 'digest fan-out',
      backend,
      inputs,
      figure: `${(wallMs / 1000).toFixed(1)} s vs floor ${(floorMs / 1000).toFixed(1)} s (${ratio.toFixed(2)}x); ${duplicates} duplicates, ${losses} lost`,
      target: '<= 1.10x floor, 0 duplicates, 0 lost',
      met: ratio <= 1.1 && duplicates === 0 && losses === 0,
      details: {
        wallMs,
        floorMs,
        slackFloorMs,
        discordFloorMs,
        tickMs: tick.tickMs,
        lastSlackSentMs: stopped.lastSent.slack,
        lastDiscordSentMs: stopped.lastSent.discord,
        digests: tick.claimed,
        slackPosts: slackPosts.length,
        discordRequests: discordCounts.accepted,
        slackLimited: slackCounts.limited,
        discordGlobalLimited: discordCounts.limited,
        statuses: Object.fromEntries(counts),
        duplicates,
        losses,
        // Who used the machine's cores while the tick queued, and over the whole run (the bot is the rest).
        cpuDuringTick: cpuUse(cpuAtStart, cpuAtTick),
        cpuOverall: cpuUse(cpuAtStart, cpuAtEnd),
      },
    },
    {
      scenario: 'peak memory',
      backend,
      inputs: `the process posting the fan-out (adapters, worker, tick; compiled, on node as in the image), maxRSS${profileVotes > 0 ? ', learning channels' : ''}`,
      figure: `peak RSS ${peakMb} MB`,
      target: '< 250 MB',
      met: peakMb < 250,
      details: { peakRssMb: peakMb, sampledPeaks: stopped.sampled },
    },
  ];
}

/**
 * A backlog of TL;DRs to write while the digests post: the newest papers, in English and German, none of them
 * urgent, so the worker keeps the model busy throughout.
 */
async function queueBacklog(handle: DatabaseHandle, papers: number): Promise<void> {
  await handle.db.execute(sql`
    insert into tldr_jobs (paper_id, language, status, priority, next_attempt_at, created_at)
    select p.id, l.language, 'queued', 0, now(), now()
    from (select id from papers order by paper_date desc nulls last, id limit ${papers}) p
    cross join (values ('en'), ('de')) as l(language)
    on conflict do nothing`);
}

/**
 * Every channel votes on `votes` Daily Papers of the month before the due day (a third 👎, the rest 👍), each
 * channel on its own reproducible choice, so each digest is chosen by its profile.
 */
async function giveProfiles(handle: DatabaseHandle, votes: number): Promise<void> {
  await handle.db.execute(sql`
    insert into paper_feedback (channel_id, paper_id, user_id, relevance, relevance_click, relevance_changed_at, updated_at)
    select c.id, p.id, 'U1', p.relevance, p.relevance, ${DUE.toISOString()}::timestamptz, ${DUE.toISOString()}::timestamptz
    from channels c
    cross join lateral (
      select id, case when abs(hashtext(id || c.id::text)) % 3 = 0 then -1 else 1 end as relevance
      from papers
      where daily_date between (${DUE.toISOString()}::date - 30) and (${DUE.toISOString()}::date - 2)
      order by md5(id || c.id::text)
      limit ${votes}
    ) p`);
}

/** The JSON lines the bot process prints, taken one kind at a time. */
export function botMessages(child: ChildProcess) {
  const lines: Record<string, unknown>[] = [];
  let wake: () => void = () => {};
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line));
    wake();
  });
  return {
    async next<T>(key: string, exited: Promise<unknown>): Promise<T> {
      for (;;) {
        const found = lines.find((line) => key in line);
        if (found) return found as T;
        const more = new Promise<void>((resolve) => (wake = resolve));
        const gone = await Promise.race([more.then(() => false), exited.then(() => true)]);
        if (gone && !lines.some((line) => key in line))
          throw new Error(`the fan-out bot exited before it said "${key}"`);
      }
    },
  };
}
