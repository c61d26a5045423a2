import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Card } from '../../src/core/cards/card.js';
import { toPaperItem } from '../../src/core/cards/paper-item.js';
import type { ChannelRef, ChannelSettings } from '../../src/core/channel.js';
import { type MessageToRedraw, PermanentDeliveryError, type Poster } from '../../src/core/delivery/poster.js';
import { silentLogger } from '../../src/core/logger.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { channels, deliveries } from '../../src/db/schema.js';
import { createDigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { queueInstantAlerts } from '../../src/scheduler/instant-alerts.js';
import { queueTractionEdits } from '../../src/scheduler/traction-edits.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { createDigestPapers } from '../../src/store/digest-papers.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createPaperUpdateStore } from '../../src/store/paper-update-store.js';
import { createPostedMessageStore } from '../../src/store/posted-message-store.js';
import { createRecapPapers } from '../../src/store/recap-papers.js';
import { rowsOf } from '../../src/store/rows.js';
import { createSharedPaperStore } from '../../src/store/shared-paper-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { deliveryRounds } from '../helpers/delivery-rounds.js';
import { arxivPaper, hfPaper } from '../helpers/invented-papers.js';
import {
  describeEachDatabase,
  openTestDatabase,
  resetTables,
  type TestDatabase,
} from '../helpers/test-database.js';
import { daily, scheduledChannel } from './scheduler-fixtures.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const hiding: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C2' };

const hf = (id: string, title: string, upvotes: number, day = '2026-06-12') =>
  hfPaper(id, title, upvotes, day);
const arxiv = (id: string, title: string) => arxivPaper(id, title);

/** A platform at the network edge that posts, edits and links, recording each call. */
function recordingPlatform() {
  const posted: { key: string; card: Card }[] = [];
  const edits: MessageToRedraw[] = [];
  let next = 0;
  const poster: Poster = {
    platform: 'slack',
    supportsIdempotency: false,
    async post(message, onPartSent) {
      posted.push({ key: message.idempotencyKey, card: message.card });
      next += 1;
      await onPartSent(`1718.${String(next).padStart(4, '0')}`, { card: message.card, perPaper: false });
    },
    async edit(message) {
      edits.push(message);
    },
    async messageLink(ref, messageId) {
      return `https://team.slack.com/archives/${ref.channelId}/p${messageId.replace('.', '')}`;
    },
  };
  return { poster, posted, edits };
}

describeEachDatabase('papers shared by a teammate and posts that update in place', (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await resetTables(handle);
  });

  const setUp = async (ref: ChannelRef, settings: Partial<ChannelSettings>) => {
    await scheduledChannel(
      handle,
      ref,
      { schedule: daily('09:00'), ...settings },
      new Date('2026-06-12T00:00:00Z'),
    );
  };
  const tick = (at: string, db: DatabaseHandle['db'] = handle.db, owner = 'replica-1') =>
    createDigestScheduler({ db, owner, graceMs: 6 * 3_600_000, logger: silentLogger }).tick(new Date(at));
  const deliverAll = async (platform: ReturnType<typeof recordingPlatform>, at: string) => {
    const rounds = deliveryRounds({
      queue: createDeliveryQueue(handle.db),
      channels: createChannelStore(handle.db),
      posters: [platform.poster],
      postedMessages: createPostedMessageStore(handle.db),
      feedback: createFeedbackStore(handle.db),
      owner: 'worker',
      leaseMs: 60_000,
      maxAttempts: 3,
      logger: silentLogger,
      now: () => new Date(at),
    });
    while ((await rounds.runOnce()) > 0) {}
  };

  it('shows a shared paper in one line, never as new, across two digests and both sources', async () => {
    await setUp(channel, { sources: ['hf', 'cs.LG'], top: 3 });
    await setUp(hiding, { sources: ['hf', 'cs.LG'], top: 3, shared: 'hide' });
    await createPaperStore(handle.db).upsertPapers([
      hf('2606.10001', 'Sparse Kernels', 50),
      hf('2606.10002', 'Dense Kernels', 40),
      hf('2606.10003', 'Tiny Kernels', 30),
      arxiv('2606.10009', 'Sparse Routing For Experts'),
    ]);
    for (const ref of [channel, hiding]) {
      await createSubscriptionStore(handle.db).add(ref, [{ kind: 'word', value: 'sparse', text: 'sparse' }]);
      // Shared as links before the digest: the top HF paper, and an arXiv-only paper that matches a term.
      await createSharedPaperStore(handle.db).record(
        ref,
        [
          { paperId: '2606.10001', userId: 'U1', messageId: '1718.0001', link: null },
          {
            paperId: '2606.10009',
            userId: 'U2',
            messageId: null,
            link: 'https://x.slack.com/archives/C1/p1',
          },
        ],
        new Date('2026-06-12T15:00:00Z'),
      );
    }

    await tick('2026-06-13T09:00:10Z');
    const platform = recordingPlatform();
    await deliverAll(platform, '2026-06-13T09:00:20Z');
    const [shown, hidden] = ['C1', 'C2'].map((id) =>
      platform.posted.find((post) => post.key.includes(`:${id}:`)),
    ) as unknown as [{ card: Card }, { card: Card }];

    expect(shown.card.items.map((item) => item.id)).toEqual(['2606.10002', '2606.10003']);
    expect(shown.card.seen).toEqual([
      expect.objectContaining({
        kind: 'shared',
        paperId: '2606.10001',
        sharedBy: 'U1',
        day: '2026-06-12',
        // The platform's permalink, asked for when the digest was posted.
        message: { id: '1718.0001', link: 'https://team.slack.com/archives/C1/p17180001' },
      }),
      expect.objectContaining({
        kind: 'shared',
        paperId: '2606.10009',
        sharedBy: 'U2',
        message: { id: null, link: 'https://x.slack.com/archives/C1/p1' },
      }),
    ]);
    expect(shown.card.fallback).toContain('shared by U1 on 2026-06-12');
    expect(hidden.card.items.map((item) => item.id)).toEqual(['2606.10002', '2606.10003']);
    expect(hidden.card.seen).toBeUndefined();

    // The next day: a new Daily-Papers day where the arXiv paper now trends, and another shared paper.
    await createPaperStore(handle.db).upsertPapers([
      hf('2606.10009', 'Sparse Routing For Experts', 70, '2026-06-13'),
      hf('2606.10011', 'Quiet Kernels', 60, '2026-06-13'),
      hf('2606.10012', 'Loud Kernels', 10, '2026-06-13'),
    ]);
    await createSharedPaperStore(handle.db).record(
      channel,
      [{ paperId: '2606.10011', userId: 'U3', messageId: '1718.0042', link: null }],
      new Date('2026-06-13T12:00:00Z'),
    );
    await tick('2026-06-14T09:00:10Z');
    await deliverAll(platform, '2026-06-14T09:00:20Z');
    const second = platform.posted.filter((post) => post.key.includes(':C1:')).at(-1) as { card: Card };
    // The arXiv paper trending on HF is not posted again (it was in yesterday's "shared" line).
    expect(second.card.items.map((item) => item.id)).toEqual(['2606.10012']);
    expect(second.card.seen?.map((line) => [line.paperId, line.sharedBy])).toEqual([['2606.10011', 'U3']]);
  });

  it('edits a posted alert in place when its paper trends, once, and mentions it once in the next digest', async () => {
    await setUp(channel, { sources: ['hf', 'cs.LG'], alerts: 'instant', top: 2 });
    await createSubscriptionStore(handle.db).add(channel, [
      { kind: 'word', value: 'sparse', text: 'sparse' },
    ]);
    const ingestStart = new Date('2026-06-12T10:00:00Z');
    await createPaperStore(handle.db).upsertPapers([arxiv('2606.20001', 'Sparse Attention')], ingestStart);
    await queueInstantAlerts({
      db: handle.db,
      since: ingestStart,
      now: new Date('2026-06-12T10:05:00Z'),
      runKey: 'run-1',
      logger: silentLogger,
    });
    const platform = recordingPlatform();
    await deliverAll(platform, '2026-06-12T10:05:10Z');
    expect(platform.posted).toHaveLength(1);
    const alertTs = '1718.0001';

    // Nothing new yet: an ingest that stores the paper again as it was queues no edit.
    const again = new Date('2026-06-12T11:00:00Z');
    await createPaperStore(handle.db).upsertPapers([arxiv('2606.20001', 'Sparse Attention')], again);
    expect(await queueTractionEdits({ db: handle.db, since: again, now: again, logger: silentLogger })).toBe(
      0,
    );

    // It enters the Daily Papers with upvotes and a code link.
    const hfIngest = new Date('2026-06-13T06:00:00Z');
    await createPaperStore(handle.db).upsertPapers(
      [
        {
          ...hf('2606.20001', 'Sparse Attention', 42, '2026-06-13'),
          githubRepo: 'ada/sparse',
          githubStars: 7,
        },
      ],
      hfIngest,
    );
    const traction = () =>
      queueTractionEdits({ db: handle.db, since: hfIngest, now: hfIngest, logger: silentLogger });
    expect(await traction()).toBe(1);
    expect(await traction()).toBe(0); // a second look (another replica, the next ingest) queues nothing
    expect(
      await handle.db.select({ kind: deliveries.kind }).from(deliveries).where(eq(deliveries.kind, 'edit')),
    ).toHaveLength(1);

    await deliverAll(platform, '2026-06-13T06:00:10Z');
    expect(platform.posted).toHaveLength(1); // not posted again
    expect(platform.edits).toHaveLength(1);
    const [edit] = platform.edits;
    expect(edit?.messageId).toBe(alertTs);
    expect(edit?.card.items[0]).toMatchObject({
      id: '2606.20001',
      upvotes: 42,
      url: 'https://huggingface.co/papers/2606.20001',
      code: { url: 'https://github.com/ada/sparse', stars: 7 },
      matchedTerm: 'sparse',
    });
    expect(edit?.card.items[0]?.counts).toEqual({ relevant: 0, saved: 0 });
    // The message shows what it was edited to, so the next ingest finds nothing new.
    expect((await createPostedMessageStore(handle.db).find(channel, alertTs))?.card.items[0]?.upvotes).toBe(
      42,
    );
    const later = new Date('2026-06-13T07:00:00Z');
    await createPaperStore(handle.db).upsertPapers(
      [{ ...hf('2606.20001', 'Sparse Attention', 45, '2026-06-13'), githubRepo: 'ada/sparse' }],
      later,
    );
    expect(await queueTractionEdits({ db: handle.db, since: later, now: later, logger: silentLogger })).toBe(
      0,
    );

    // The next digest says so once, linking to the alert; it does not present the paper as new.
    await tick('2026-06-14T09:00:10Z');
    await deliverAll(platform, '2026-06-14T09:00:20Z');
    const digest = platform.posted.at(-1) as { card: Card };
    expect(digest.card.items.map((item) => item.id)).not.toContain('2606.20001');
    expect(digest.card.seen).toEqual([
      expect.objectContaining({
        kind: 'since',
        paperId: '2606.20001',
        day: '2026-06-12',
        news: '42 upvotes on Daily Papers · code (⭐ 7)',
        message: { id: alertTs, link: 'https://team.slack.com/archives/C1/p17180001' },
      }),
    ]);
    await tick('2026-06-15T09:00:10Z');
    await deliverAll(platform, '2026-06-15T09:00:20Z');
    expect(platform.posted.at(-1)?.card.seen).toBeUndefined();
  });

  it('drops an edit the platform refuses without deactivating the channel', async () => {
    await setUp(channel, {});
    await createPaperStore(handle.db).upsertPapers([hf('2606.30001', 'Kernels', 1)]);
    await createPostedMessageStore(handle.db).record(
      {
        channel,
        messageId: '1718.0009',
        perPaper: false,
        card: {
          header: 'Your paper digest',
          items: [{ ...(await cardItem('2606.30001')), upvotes: null, code: null }],
          notices: [],
          actions: [],
          fallback: 'x',
        },
      },
      new Date('2026-06-12T09:00:00Z'),
    );
    const at = new Date('2026-06-12T12:00:00Z');
    await createPaperStore(handle.db).upsertPapers([hf('2606.30001', 'Kernels', 9)], at);
    expect(await queueTractionEdits({ db: handle.db, since: at, now: at, logger: silentLogger })).toBe(1);
    const platform = recordingPlatform();
    platform.poster.edit = async () => {
      throw new PermanentDeliveryError('message_not_found');
    };
    await deliverAll(platform, '2026-06-12T12:00:10Z');
    const [row] = await handle.db.select().from(deliveries).where(eq(deliveries.kind, 'edit'));
    expect(row?.status).toBe('dead');
    expect((await createChannelStore(handle.db).get(channel))?.active).toBe(true);
  });

  it('with shared:hide, gives a shared paper’s place to the next one; recaps do not call it new either', async () => {
    await setUp(channel, { sources: ['hf'], top: 1, shared: 'hide' });
    await createPaperStore(handle.db).upsertPapers([
      hf('2606.50001', 'Shared Kernels', 50),
      hf('2606.50002', 'Next Kernels', 40),
    ]);
    await createSharedPaperStore(handle.db).record(
      channel,
      [{ paperId: '2606.50001', userId: 'U1', messageId: '1718.0001', link: null }],
      new Date('2026-06-12T15:00:00Z'),
    );
    await tick('2026-06-13T09:00:10Z');
    const platform = recordingPlatform();
    await deliverAll(platform, '2026-06-13T09:00:20Z');
    expect(platform.posted[0]?.card.items.map((item) => item.id)).toEqual(['2606.50002']);
    expect(platform.posted[0]?.card.seen).toBeUndefined();

    const unseen = await createRecapPapers(handle.db).unseenTrending({
      channel,
      firstDay: '2026-06-12',
      lastDay: '2026-06-12',
      minUpvotes: 0,
      excluded: [],
      limit: 5,
    });
    expect(unseen.map((paper) => paper.id)).toEqual([]);
  });

  it('edits a link card in place when its paper trends, without a "since you saw it" line', async () => {
    await setUp(channel, { sources: ['hf'], top: 3 });
    await createPaperStore(handle.db).upsertPapers([hf('2606.60001', 'Carded Kernels', 0)]);
    // A card answering a shared link: posted by paperboy, but the paper was never delivered here.
    await createPostedMessageStore(handle.db).record(
      {
        channel,
        messageId: '1718.0300',
        perPaper: false,
        card: {
          header: 'x',
          items: [{ ...(await cardItem('2606.60001')), upvotes: null }],
          notices: [],
          actions: [],
          fallback: 'x',
        },
      },
      new Date('2026-06-12T09:00:00Z'),
    );
    await createSharedPaperStore(handle.db).record(
      channel,
      [{ paperId: '2606.60001', userId: 'U1', messageId: '1718.0299', link: null }],
      new Date('2026-06-12T09:00:00Z'),
    );
    const at = new Date('2026-06-13T06:00:00Z');
    await createPaperStore(handle.db).upsertPapers(
      [hf('2606.60001', 'Carded Kernels', 25, '2026-06-13')],
      at,
    );
    expect(await queueTractionEdits({ db: handle.db, since: at, now: at, logger: silentLogger })).toBe(1);
    await tick('2026-06-14T09:00:10Z');
    const platform = recordingPlatform();
    await deliverAll(platform, '2026-06-14T09:00:20Z');
    expect(platform.edits.map((edit) => edit.messageId)).toEqual(['1718.0300']);
    expect(platform.posted.at(-1)?.card.seen?.map((line) => [line.kind, line.paperId])).toEqual([
      ['shared', '2606.60001'],
    ]);
  });

  it('marks as said only the reasons a digest read: one recorded meanwhile waits for the next', async () => {
    await setUp(channel, {});
    await createPaperStore(handle.db).upsertPapers([hf('2606.70001', 'Kernels', 30)]);
    const [row] = await handle.db.select({ id: channels.id }).from(channels);
    const updates = createPaperUpdateStore(handle.db);
    const update = {
      channelId: Number(row?.id),
      paperId: '2606.70001',
      messageId: '1718.0400',
      postedAt: new Date('2026-06-12T09:00:00Z'),
    };
    await updates.record([{ ...update, reason: 'daily', news: '30 upvotes on Daily Papers' }], new Date());
    const read = await updates.unmentioned(channel, 5);
    await updates.record(
      [{ ...update, reason: 'code', news: '30 upvotes on Daily Papers · code' }],
      new Date(),
    );
    await updates.markMentioned(channel, read, new Date());
    expect((await updates.unmentioned(channel, 5)).map((left) => left.reasons)).toEqual([['code']]);
  });

  if (driver === 'postgres') {
    it('queues each edit once, and shows shared and updated papers once, with two replicas on one Postgres', async () => {
      const other = await openDatabase({ url: handle.url ?? '', maxConnections: 3 });
      try {
        await setUp(channel, { sources: ['hf'], top: 2 });
        await createPaperStore(handle.db).upsertPapers([hf('2606.40001', 'Kernels', 0)]);
        await createPostedMessageStore(handle.db).record(
          {
            channel,
            messageId: '1718.0100',
            perPaper: false,
            card: {
              header: 'Your paper digest',
              items: [{ ...(await cardItem('2606.40001')), upvotes: null }],
              notices: [],
              actions: [],
              fallback: 'x',
            },
          },
          new Date('2026-06-12T09:00:00Z'),
        );
        await createDigestPapers(handle.db).markDelivered(
          channel,
          [{ paperId: '2606.40001', matchedTerm: null }],
          new Date('2026-06-12T09:00:00Z'),
        );
        const at = new Date('2026-06-13T06:00:00Z');
        await createPaperStore(handle.db).upsertPapers(
          [
            hf('2606.40001', 'Kernels', 12, '2026-06-13'),
            hf('2606.40002', 'Shared Kernels', 30, '2026-06-13'),
          ],
          at,
        );
        await createSharedPaperStore(other.db).record(
          channel,
          [{ paperId: '2606.40002', userId: 'U7', messageId: '1718.0200', link: null }],
          at,
        );
        const queued = await Promise.all(
          [handle.db, other.db].map((db) =>
            queueTractionEdits({ db, since: at, now: at, logger: silentLogger }),
          ),
        );
        expect(queued.reduce((a, b) => a + b, 0)).toBe(1);

        await Promise.all([
          tick('2026-06-14T09:00:10Z', handle.db, 'replica-1'),
          tick('2026-06-14T09:00:10Z', other.db, 'replica-2'),
        ]);
        const digests = await handle.db.select().from(deliveries).where(eq(deliveries.kind, 'digest'));
        expect(digests).toHaveLength(1);
        expect(digests[0]?.card.seen?.map((line) => [line.kind, line.paperId])).toEqual([
          ['shared', '2606.40002'],
          ['since', '2606.40001'],
        ]);
        expect(digests[0]?.card.items).toEqual([]);
        const [row] = rowsOf<{ unmentioned: number }>(
          await handle.db.execute(
            sql`select count(*)::int as unmentioned from paper_updates where mentioned_at is null`,
          ),
        );
        expect(row?.unmentioned).toBe(0);
      } finally {
        await other.close();
      }
    });
  }

  async function cardItem(id: string) {
    const paper = await createPaperStore(handle.db).getPaper(id);
    if (!paper) throw new Error(`no paper ${id}`);
    return toPaperItem(paper);
  }
});
