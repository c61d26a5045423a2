import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeCard } from '../../src/core/cards/build-cards.js';
import { openDatabase } from '../../src/db/database.js';
import { channels } from '../../src/db/schema.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { APPLICATION_ID, CHANNEL_ID, GUILD_ID, testKeyPair } from '../adapters/discord/discord-fixtures.js';
import { type FakeDiscord, startFakeDiscord } from '../helpers/fake-discord.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import {
  postgresBinaries,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../helpers/throwaway-postgres.js';
import {
  type CommandOutcome,
  discordCommand,
  discordEnv,
  readyz,
  repeatEvery,
  type ServiceProcess,
  startServiceProcess,
} from './service-process.js';

const bin = postgresBinaries();
const OUTAGE_MS = 20_000;
const SHUTDOWN_TIMEOUT_MS = 3_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The service on a Postgres server of the test's own, under steady traffic (a command every 300 ms, alternating
 * a search and a subscription, and `/readyz` every 200 ms), while the server is stopped for 20 s and started
 * again; then SIGTERM.
 */
describe.skipIf(!bin)(
  'the service through a 20 s Postgres outage (skipped without initdb and pg_ctl)',
  () => {
    let server: ThrowawayPostgres;
    let discord: FakeDiscord;
    let service: ServiceProcess | undefined;
    const { privateKey, publicKeyHex } = testKeyPair();

    beforeAll(async () => {
      server = await startThrowawayPostgres(bin ?? '');
      const seed = await openDatabase({ url: server.url });
      await createPaperStore(seed.db).upsertPapers(fixtureCorpus());
      await seed.close();
      discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
    });
    afterAll(async () => {
      service?.child.kill('SIGKILL');
      await discord?.close();
      server?.destroy();
    });

    it('answers /readyz and every command in time throughout, resumes by itself, and stops in time', async () => {
      service = await startServiceProcess({
        ...discordEnv(discord, publicKeyHex),
        DATABASE_URL: server.url,
        SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`,
      });
      const running = service;
      let ready = await readyz(running.base);
      for (let tries = 0; ready.status !== 200 && tries < 50; tries += 1) {
        await sleep(100);
        ready = await readyz(running.base);
      }
      expect(ready.status).toBe(200);

      let turn = 0;
      const commands = repeatEvery<CommandOutcome>(300, () => {
        turn += 1;
        return turn % 2 === 0
          ? discordCommand(running, discord, privateKey, 'papers', [
              { name: 'topic', type: 3, value: 'lora' },
            ])
          : discordCommand(running, discord, privateKey, 'subscribe', [
              { name: 'terms', type: 3, value: `term${turn}` },
            ]);
      });
      const probes = repeatEvery(200, () => readyz(running.base));

      await sleep(1_500);
      server.stop();
      const down = performance.now();
      await sleep(OUTAGE_MS);
      server.start();
      const up = performance.now();
      await sleep(6_000);
      const answers = await commands.stop();
      const readiness = await probes.stop();

      const during = (at: number) => at >= down && at < up;
      const after = (at: number, fromMs: number) => at >= up + fromMs;
      const outageProbes = readiness.filter((probe) => during(probe.at));
      const outageAnswers = answers.filter((answer) => during(answer.at));
      const report = `service output:\n${running.output().slice(-4000)}`;
      expect(outageProbes.length, report).toBeGreaterThan(50);
      // /readyz says 503 within a second, all through the outage.
      expect(
        outageProbes.filter((probe) => probe.status !== 503 || probe.ms >= 1000),
        report,
      ).toEqual([]);
      // Every command is answered within Discord's 3 s: with an apology, since the store is down.
      expect(outageAnswers.length, report).toBeGreaterThan(40);
      expect(
        outageAnswers.filter((answer) => answer.ms >= 3000 || answer.text === ''),
        report,
      ).toEqual([]);
      expect(outageAnswers.filter((answer) => answer.apology).length).toBeGreaterThan(
        outageAnswers.length * 0.9,
      );

      // Within 5 s of Postgres' return: ready, and commands work again (every one sent from then on).
      const firstReady = readiness.find((probe) => probe.at >= up && probe.status === 200);
      expect(firstReady, report).toBeDefined();
      expect((firstReady?.at ?? Number.POSITIVE_INFINITY) + (firstReady?.ms ?? 0) - up).toBeLessThan(5000);
      const settled = answers.filter((answer) => after(answer.at, 5000));
      expect(settled.length).toBeGreaterThan(2);
      expect(
        settled.filter((answer) => answer.apology || answer.text === ''),
        report,
      ).toEqual([]);
      expect(readiness.filter((probe) => after(probe.at, 5000) && probe.status !== 200)).toEqual([]);

      // The delivery worker heard of the outage's end too: a delivery queued now is posted at once.
      const store = await openDatabase({ url: server.url, migrate: false });
      try {
        await createChannelStore(store.db).ensure({
          platform: 'discord',
          workspaceId: GUILD_ID,
          channelId: CHANNEL_ID,
        });
        const [row] = await store.db
          .select({ id: channels.id })
          .from(channels)
          .where(eq(channels.channelId, CHANNEL_ID));
        await createDeliveryQueue(store.db).enqueue(
          {
            channelId: row?.id ?? 0,
            slotId: null,
            kind: 'alert',
            card: noticeCard({ tone: 'info', text: 'after the outage' }),
            idempotencyKey: 'alert:after-the-outage',
          },
          new Date(),
        );
      } finally {
        await store.close();
      }
      const posted = await Promise.race([
        discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${CHANNEL_ID}/messages`),
        sleep(5_000).then(() => null),
      ]);
      expect(posted, report).not.toBeNull();

      const { code, ms } = await running.terminate();
      expect(code, report).toBe(0);
      expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
    }, 120_000);

    it('stops within SHUTDOWN_TIMEOUT while Postgres is still down, under traffic', async () => {
      service = await startServiceProcess({
        ...discordEnv(discord, publicKeyHex),
        DATABASE_URL: server.url,
        SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`,
      });
      const running = service;
      const commands = repeatEvery<CommandOutcome>(200, () =>
        discordCommand(running, discord, privateKey, 'papers', [{ name: 'topic', type: 3, value: 'lora' }]),
      );
      await sleep(500);
      server.stop();
      try {
        await sleep(4_000);
        const { code, ms } = await running.terminate();
        await commands.stop();
        expect(code, running.output().slice(-4000)).toBe(0);
        expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
      } finally {
        server.start();
      }
    }, 60_000);
  },
);
