import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { deliveries } from '../../src/db/schema.js';
import { createDigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { createRecapScheduler } from '../../src/scheduler/recap-scheduler.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { deliveryRounds } from '../helpers/delivery-rounds.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { postgresUrl } from '../helpers/test-database.js';
import { daily, recordingPoster, scheduledChannel } from './scheduler-fixtures.js';

const CHANNELS = 120;
const REPLICAS = 3;
const GRACE = 6 * 3_600_000;
/** Friday 17 July 2026, 16:00 UTC: every channel's digest and weekly recap are due in this minute. */
const due = new Date('2026-07-17T16:00:20Z');

/** One fresh database, and one connection pool per replica, as separate processes would have. */
describe.skipIf(!postgresUrl)(
  'weekly recaps on several replicas of one Postgres (skipped without DATABASE_URL)',
  () => {
    const name = `paperboy_test_${randomBytes(6).toString('hex')}`;
    let admin: postgres.Sql;
    const replicas: DatabaseHandle[] = [];
    const refs: ChannelRef[] = [];

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
      const feedback = createFeedbackStore(first.db);
      for (let index = 0; index < CHANNELS; index += 1) {
        const ref: ChannelRef = { platform: 'slack', workspaceId: `T${index % 20}`, channelId: `C${index}` };
        refs.push(ref);
        await scheduledChannel(
          first,
          ref,
          {
            schedule: daily('16:00'),
            recap: { enabled: true, weekday: 5, time: '16:00', timezone: 'UTC' },
            top: 3,
          },
          new Date('2026-07-17T08:00:00Z'),
        );
        await feedback.click(
          { channel: ref, paperId: '2606.93392', userId: 'U1', kind: 'save' },
          new Date('2026-07-16T10:00:00Z'),
        );
      }
    });

    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('claims and posts each channel’s recap exactly once, beside its digest of the same minute', async () => {
      // Each replica runs its tick as the service does: digests, then recaps.
      const ticks = await Promise.all(
        replicas.map(async (replica, index) => {
          const options = { db: replica.db, owner: `replica-${index}`, graceMs: GRACE, logger: silentLogger };
          const digests = await createDigestScheduler(options).tick(due);
          const recaps = await createRecapScheduler(options).tick(due);
          return { digests, recaps };
        }),
      );
      const claimed = (part: 'digests' | 'recaps') =>
        ticks.reduce((sum, tick) => sum + tick[part].claimed, 0);
      expect(claimed('digests')).toBe(CHANNELS);
      expect(claimed('recaps')).toBe(CHANNELS);

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
      await Promise.all(
        workers.map(async (worker) => {
          while ((await worker.runOnce()) > 0) {}
        }),
      );

      const posts = new Map<string, number>();
      for (const post of slack.posts) posts.set(post.key, (posts.get(post.key) ?? 0) + 1);
      const expected = refs.flatMap((ref) => [
        `digest:slack:${ref.workspaceId}:${ref.channelId}:2026-07-17T16:00Z`,
        `recap:slack:${ref.workspaceId}:${ref.channelId}:2026-07-17T16:00Z`,
      ]);
      expect([...posts.keys()].sort()).toEqual(expected.sort());
      expect([...posts.values()].every((count) => count === 1)).toBe(true);
      expect(slack.posts).toHaveLength(2 * CHANNELS);
      const recaps = await (replicas[0] as DatabaseHandle).db
        .select({ card: deliveries.card, status: deliveries.status })
        .from(deliveries)
        .where(eq(deliveries.kind, 'recap'));
      expect(recaps).toHaveLength(CHANNELS);
      for (const recap of recaps) {
        expect(recap.status).toBe('sent');
        expect(recap.card.items[0]).toMatchObject({ id: '2606.93392', counts: { relevant: 0, saved: 1 } });
      }
    });
  },
);
