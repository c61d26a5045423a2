import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.js';
import { buildDigest } from '../../src/core/digest/build-digest.js';
import { silentLogger } from '../../src/core/logger.js';
import type { PaperInput } from '../../src/core/paper.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { deliveries } from '../../src/db/schema.js';
import { queueInstantAlerts } from '../../src/scheduler/instant-alerts.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDigestPapers } from '../../src/store/digest-papers.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { daily, resetScheduling, scheduledChannel } from './scheduler-fixtures.js';

const instant: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const digestOnly: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C2' };
const ingestStart = new Date('2026-06-13T10:00:00Z');
const fresh = (id: string, title: string): PaperInput => ({
  id,
  title,
  abstract: `We introduce ${title.toLowerCase()} for long contexts.`,
  dailyDate: '2026-06-13',
  upvotes: 3,
  source: 'hf',
});

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus(), new Date('2026-06-12T12:00:00Z'));
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await resetScheduling(handle);
  for (const ref of [instant, digestOnly]) {
    await scheduledChannel(
      handle,
      ref,
      { schedule: daily('09:00'), alerts: ref === instant ? 'instant' : 'digest' },
      ingestStart,
    );
    await createSubscriptionStore(handle.db).add(ref, [{ kind: 'word', value: 'sparse', text: 'sparse' }]);
  }
});

const alert = (runKey: string, now = new Date('2026-06-13T10:05:00Z')) =>
  queueInstantAlerts({ db: handle.db, since: ingestStart, now, runKey, logger: silentLogger });

describe('instant alerts', () => {
  it('batches the newly ingested matches of each instant channel into one alert, each paper once', async () => {
    await createPaperStore(handle.db).upsertPapers(
      [
        fresh('2606.20001', 'Sparse Routing'),
        fresh('2606.20002', 'Sparse Experts'),
        fresh('2606.20003', 'Dense Models'),
      ],
      new Date('2026-06-13T10:01:00Z'),
    );
    expect(await alert('run-1')).toBe(1);
    const [queued, ...rest] = await handle.db.select().from(deliveries);
    expect(rest).toEqual([]);
    expect(queued).toMatchObject({ kind: 'alert', idempotencyKey: 'alert:discord:G1:C1:run-1' });
    // Only papers new since the ingest began: Helix: Sparse Attention for Genome-Scale DNA Language Models (stored the day before) is not news.
    expect(queued?.card.items.map((item) => item.id).sort()).toEqual(['2606.20001', '2606.20002']);
    expect(queued?.card.items.every((item) => item.matchedTerm === 'sparse')).toBe(true);

    expect(await alert('run-1')).toBe(0);
    expect(await alert('run-2')).toBe(0);
  });

  it('keeps alerted papers out of the channel digest', async () => {
    await createPaperStore(handle.db).upsertPapers(
      [fresh('2606.20004', 'Sparse Mixtures')],
      new Date('2026-06-13T10:01:00Z'),
    );
    await alert('run-3');
    const channel = await createChannelStore(handle.db).get(instant);
    if (!channel) throw new Error('channel missing');
    const digest = await buildDigest(
      { papers: createDigestPapers(handle.db), subscriptions: createSubscriptionStore(handle.db) },
      channel,
      new Date('2026-06-14T09:00:00Z'),
    );
    expect(digest.items.map((item) => item.paper.id)).not.toContain('2606.20004');
  });
});
