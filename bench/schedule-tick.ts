import { and, eq, sql } from 'drizzle-orm';
import { type ChannelSettings, DEFAULT_SETTINGS, type Schedule } from '../src/core/channel.js';
import { silentLogger } from '../src/core/logger.js';
import { dueSlotsBetween } from '../src/core/schedule/due-times.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { channels, digestSlots } from '../src/db/schema.js';
import { LOOKBACK_MS } from '../src/scheduler/claim-due-slots.js';
import { createDigestScheduler } from '../src/scheduler/digest-scheduler.js';
import { createRecapScheduler } from '../src/scheduler/recap-scheduler.js';
import { createDueChannels } from '../src/store/due-channels.js';
import { newChannelRow } from '../src/store/next-due-columns.js';
import { type BenchRow, percentile, timed } from './measure.js';
import { seededRandom } from './synthetic-papers.js';

const CHANNELS = Number(process.env.BENCH_SCHEDULED_CHANNELS ?? 100_000);
const IDLE_TICKS = 20;
const INSERT_BATCH = 1000;
/** The bench's channels, told apart from any other scenario's by their workspace. */
const WORKSPACE = 'BENCH-SCHEDULES';
/** Wednesday 17 June 2026, 10:00 UTC: the channels are stored then, so nothing is due until 10:01. */
const STORED_AT = new Date('2026-06-17T10:00:00Z');
/** 15 minutes on: about 1% of the day's digest times (15 of 1,440 minutes) have come. */
const SOME_DUE_AT = new Date(STORED_AT.getTime() + 15 * 60_000);
const TIMEZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Adelaide',
  'Pacific/Auckland',
];

/**
 * Scenario 'schedules': `BENCH_SCHEDULED_CHANNELS` (100,000) channels with digests at random minutes across
 * twelve timezones (weekdays, daily or a cron of three days a week), a fifth with a weekly recap too, stored
 * with their next-due times as the store computes them. Measures the service's tick (the digest tick, then the
 * recap tick) 20 times within a minute when nobody is due, then 15 minutes on, when about 1% are (how long the
 * due query takes to find them, the whole tick with its digest builds, the ticks after it), and what reading
 * every scheduled channel (the tick before next-due times) costs for comparison. Logs the due query's plan. The
 * channels are deleted again at the end, for the scenarios that share the database.
 */
export async function benchScheduleTick(
  backend: string,
  handle: DatabaseHandle,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { db } = handle;
  const stored = await timed(() => storeChannels(handle));
  log(`${backend}: ${CHANNELS} scheduled channels stored in ${(stored.ms / 1000).toFixed(1)} s`);
  try {
    const options = { db, owner: 'bench', graceMs: 6 * 3_600_000, logger: silentLogger };
    const digests = createDigestScheduler(options);
    const recaps = createRecapScheduler(options);
    const tick = async (now: Date) => {
      const digest = await digests.tick(now);
      const recap = await recaps.tick(now);
      return { digest, recap };
    };

    const idleMs: number[] = [];
    for (let index = 0; index < IDLE_TICKS; index += 1) {
      // Every tick inside the minute after STORED_AT, when no channel has a slot.
      const now = new Date(STORED_AT.getTime() + 1000 + index * 2500);
      const { ms, value } = await timed(() => tick(now));
      const work = value.digest.claimed + value.digest.missed + value.recap.claimed + value.recap.missed;
      if (work > 0)
        throw new Error(`expected nobody due at ${now.toISOString()}, got ${JSON.stringify(value)}`);
      idleMs.push(ms);
    }
    const idleP50 = percentile(idleMs, 50);
    const idleP99 = percentile(idleMs, 99);
    log(`${backend}: idle tick p50 ${idleP50.toFixed(1)} ms, p99 ${idleP99.toFixed(1)} ms`);

    const due = createDueChannels(db);
    const since = new Date(SOME_DUE_AT.getTime() - LOOKBACK_MS);
    for (const line of await due.explain('digest', SOME_DUE_AT, since))
      log(`${backend}: due query plan at ~1% due: ${line}`);
    const found = await timed(() => due.load('digest', SOME_DUE_AT, since));
    const expected = found.value.entries.length;
    const busy = await timed(() => tick(SOME_DUE_AT));
    const { digest, recap } = busy.value;
    const afterMs: number[] = [];
    for (let index = 1; index <= 5; index += 1)
      afterMs.push((await timed(() => tick(new Date(SOME_DUE_AT.getTime() + index * 5000)))).ms);
    const afterP50 = percentile(afterMs, 50);
    log(
      `${backend}: ~1% due: the due query found ${expected} digests in ${found.ms.toFixed(1)} ms; the tick took ` +
        `${busy.ms.toFixed(0)} ms, digests ${JSON.stringify(digest)}, recaps ${JSON.stringify(recap)}; ` +
        `the 5 ticks after it ${afterMs.map((ms) => ms.toFixed(1)).join(', ')} ms`,
    );

    const fullScan = await timed(() => readEverySchedule(handle, SOME_DUE_AT));
    log(
      `${backend}: reading and evaluating every schedule instead (the tick before next-due times): ` +
        `${fullScan.ms.toFixed(0)} ms for ${fullScan.value} channels`,
    );

    const inputs = `${CHANNELS} scheduled channels, 12 timezones`;
    return [
      {
        scenario: 'schedules',
        backend,
        inputs: `${inputs}, ${IDLE_TICKS} ticks with nobody due`,
        figure: `tick p50 ${idleP50.toFixed(1)} ms, p99 ${idleP99.toFixed(1)} ms (every schedule read: ${fullScan.ms.toFixed(0)} ms)`,
        target: '< 100 ms',
        met: idleP99 < 100,
        details: { idleMs, fullScanMs: fullScan.ms, storeMs: stored.ms },
      },
      {
        scenario: 'schedules',
        backend,
        inputs: `${inputs}, one tick with ~1% due`,
        figure:
          `found ${expected} due in ${found.ms.toFixed(1)} ms; tick ${(busy.ms / 1000).toFixed(1)} s claiming ` +
          `${digest.claimed} digests and ${recap.claimed} recaps; next ticks p50 ${afterP50.toFixed(1)} ms`,
        target: 'report',
        met: null,
        details: { findMs: found.ms, ms: busy.ms, digest, recap, afterMs },
      },
    ];
  } finally {
    // Later scenarios share this database: leave them no channels (their slots and deliveries go with them).
    await db.delete(channels).where(eq(channels.workspaceId, WORKSPACE));
  }
}

async function storeChannels(handle: DatabaseHandle): Promise<void> {
  const random = seededRandom(17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let start = 0; start < CHANNELS; start += INSERT_BATCH) {
    const rows = [];
    for (let index = start; index < Math.min(CHANNELS, start + INSERT_BATCH); index += 1) {
      const settings = randomSettings(random, pick);
      rows.push(
        newChannelRow(
          { platform: 'slack', workspaceId: WORKSPACE, channelId: `C${index}` },
          settings,
          STORED_AT,
        ),
      );
    }
    await handle.db.insert(channels).values(rows);
  }
}

function randomSettings(random: () => number, pick: <T>(list: readonly T[]) => T): ChannelSettings {
  const hour = Math.floor(random() * 24);
  const minute = Math.floor(random() * 60);
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const timezone = pick(TIMEZONES);
  const roll = random();
  const days: Schedule['days'] =
    roll < 0.6
      ? { kind: 'weekdays' }
      : roll < 0.9
        ? { kind: 'daily' }
        : { kind: 'cron', expression: `${minute} ${hour} * * 1,3,5` };
  const recap =
    random() < 0.2
      ? { enabled: true, weekday: Math.floor(random() * 7), time, timezone }
      : DEFAULT_SETTINGS.recap;
  return { ...DEFAULT_SETTINGS, schedule: { enabled: true, time, timezone, days }, recap };
}

/** What every tick did before next-due times: read each scheduled channel and its recent slots, evaluate them all. */
async function readEverySchedule(handle: DatabaseHandle, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const [rows] = await Promise.all([
    handle.db
      .select()
      .from(channels)
      .where(
        and(eq(channels.active, true), sql`(${channels.settings} -> 'schedule' ->> 'enabled') = 'true'`),
      ),
    handle.db
      .select({ channelId: digestSlots.channelId, slot: digestSlots.slot })
      .from(digestSlots)
      .where(sql`${digestSlots.dueAt} >= ${since.toISOString()}::timestamptz`),
  ]);
  for (const row of rows) {
    const from = new Date(Math.max(since.getTime(), row.scheduleChangedAt.getTime()));
    dueSlotsBetween(row.settings.schedule, from, now);
  }
  return rows.length;
}
