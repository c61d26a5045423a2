import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createDigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { createPgRunCoordinator } from '../../src/scheduler/pg-run-coordinator.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { deliveryRounds } from '../helpers/delivery-rounds.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { postgresUrl } from '../helpers/test-database.js';
import { daily, recordingPoster, scheduledChannel } from './scheduler-fixtures.js';

const CHANNELS = 200;
const REPLICAS = 3;
const due = new Date('2026-06-13T09:00:20Z');

/** One fresh database, and one connection pool per replica, as separate processes would have. */
describe.skipIf(!postgresUrl)('several replicas on one Postgres (skipped without DATABASE_URL)', () => {
  const name = `paperboy_test_${randomBytes(6).toString('hex')}`;
  let admin: postgres.Sql;
  const replicas: DatabaseHandle[] = [];

  beforeAll(async () => {
    admin = postgres(postgresUrl ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(postgresUrl ?? '');
    url.pathname = `/${name}`;
    for (let index = 0; index < REPLICAS; index += 1) {
      replicas.push(await openDatabase({ url: url.toString(), maxConnections: 5 }));
    }
    const first = replicas[0] as DatabaseHandle;
    await createPaperStore(first.db).upsertPapers(fixtureCorpus());
    for (let index = 0; index < CHANNELS; index += 1) {
      const ref: ChannelRef = { platform: 'slack', workspaceId: `T${index % 20}`, channelId: `C${index}` };
      await scheduledChannel(
        first,
        ref,
        { schedule: daily('09:00'), top: 3 },
        new Date('2026-06-13T08:00:00Z'),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('delivers each of 200 digests due in the same minute exactly once', async () => {
    const ticks = await Promise.all(
      replicas.map((replica, index) =>
        createDigestScheduler({
          db: replica.db,
          owner: `replica-${index}`,
          graceMs: 6 * 3_600_000,
          logger: silentLogger,
        }).tick(due),
      ),
    );
    expect(ticks.reduce((sum, tick) => sum + tick.claimed, 0)).toBe(CHANNELS);
    expect(ticks.reduce((sum, tick) => sum + tick.taken, 0)).toBeLessThanOrEqual(CHANNELS * (REPLICAS - 1));

    const slack = recordingPoster('slack');
    const workers = replicas.map((replica, index) =>
      deliveryRounds({
        queue: createDeliveryQueue(replica.db),
        channels: createChannelStore(replica.db),
        posters: [slack.poster],
        owner: `replica-${index}`,
        leaseMs: 60_000,
        maxAttempts: 5,
        logger: silentLogger,
        now: () => due,
        batchSize: 7,
      }),
    );
    const drain = async (worker: (typeof workers)[number]) => {
      while ((await worker.runOnce()) > 0) {}
    };
    await Promise.all(workers.map(drain));

    const perChannel = new Map<string, number>();
    for (const post of slack.posts) perChannel.set(post.channel, (perChannel.get(post.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(CHANNELS);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
    expect(slack.posts).toHaveLength(CHANNELS);
  });

  it('runs a distributed cron fire on one replica only', async () => {
    const answers = await Promise.all(
      replicas.map((replica, index) =>
        createPgRunCoordinator(replica.db, `replica-${index}`).shouldRun(
          'ingest:2026-06-13T09:30:00.000Z',
          60_000,
        ),
      ),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });
});
