import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperListCard } from '../../src/core/cards/build-cards.js';
import { DEFAULT_SETTINGS } from '../../src/core/channel.js';
import { channels, deliveries } from '../../src/db/schema.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../helpers/test-database.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';
import { startSlowProxy } from './slow-proxy.js';

const SHUTDOWN_TIMEOUT_MS = 4_000;
/** How long Slack takes to answer each post (it has made the post when it answers). */
const SLOW_POST_MS = 1_500;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Replica A posts a long digest (a list and a thread reply per paper) to Slack, which answers each post slowly;
 * A gets SIGTERM while its first post waits for Slack's answer. Replica B, started after A exited, finishes the
 * digest. Slack has no idempotency key, so a post A made but did not record would show twice.
 */
describe.skipIf(!postgresUrl)('a shutdown during a slow Slack post (skipped without DATABASE_URL)', () => {
  let handle: TestDatabase;
  let slack: FakeSlack;
  let proxy: Awaited<ReturnType<typeof startSlowProxy>>;
  const replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase('postgres');
    slack = await startFakeSlack();
    proxy = await startSlowProxy({
      target: slack.apiUrl,
      slow: (path) => path.includes('chat.postMessage'),
      delayMs: () => SLOW_POST_MS,
    });
  });
  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await proxy?.close();
    await slack?.close();
    await handle?.close();
  });

  it('leaves no post twice after the restart, and exits within SHUTDOWN_TIMEOUT', async () => {
    const papers = createPaperStore(handle.db);
    await papers.upsertPapers(fixtureCorpus());
    const top = await papers.topOfDays('2026-06-12', '2026-06-12', 5);
    const card = paperListCard('Your paper digest', 'Daily Papers of Fri 12 Jun 2026 · 5 trending', top);
    const ref = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'CSLOW' };
    await createChannelStore(handle.db).ensure(ref);
    await createChannelStore(handle.db).updateSettings(
      ref,
      { ...DEFAULT_SETTINGS, threads: true },
      new Date(),
    );
    const [channel] = await handle.db
      .select({ id: channels.id })
      .from(channels)
      .where(eq(channels.channelId, 'CSLOW'));
    const id =
      (await createDeliveryQueue(handle.db).enqueue(
        { channelId: channel?.id ?? 0, slotId: null, kind: 'digest', card, idempotencyKey: 'digest:slow' },
        new Date(),
      )) ?? 0;

    const env = (replica: string) => ({
      DATABASE_URL: handle.url ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: proxy.url,
      SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`,
      REPLICA_ID: replica,
    });
    const posts = () => slack.callsTo('chat.postMessage');

    const a = await startServiceProcess(env('replica-a'));
    replicas.push(a);
    for (let waited = 0; posts().length === 0 && waited < 20_000; waited += 20) await sleep(20);
    expect(posts(), a.output()).toHaveLength(1);
    // Slack has the first post and will answer in 1.5 s.
    const stopped = await a.terminate();
    expect(stopped.code, a.output()).toBe(0);
    expect(stopped.ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
    const afterA = await handle.db.select().from(deliveries).where(eq(deliveries.id, id));
    // A recorded the post Slack answered, posted nothing more, and handed the rest on.
    expect(afterA[0], a.output()).toMatchObject({ status: 'failed', partsSent: 1, leaseUntil: null });
    expect(posts()).toHaveLength(1);

    const b = await startServiceProcess(env('replica-b'));
    replicas.push(b);
    let row = afterA[0];
    for (let waited = 0; row?.status !== 'sent' && waited < 60_000; waited += 200) {
      await sleep(200);
      [row] = await handle.db.select().from(deliveries).where(eq(deliveries.id, id));
    }
    expect(row?.status, b.output()).toBe('sent');
    expect((await b.terminate()).code).toBe(0);

    const seen = posts().map((call) => `${String(call.params.thread_ts ?? '')}|${String(call.params.text)}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(row?.partsSent ?? -1);
    expect(row?.partsSent).toBe(6);
  }, 120_000);
});
