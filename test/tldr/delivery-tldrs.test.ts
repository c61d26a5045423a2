import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paperListCard } from '../../src/core/cards/build-cards.js';
import type { Card } from '../../src/core/cards/card.js';
import type { ChannelRef } from '../../src/core/channel.js';
import type { Poster } from '../../src/core/delivery/poster.js';
import { silentLogger } from '../../src/core/logger.js';
import { createTldrFiller, type TldrFiller } from '../../src/core/tldr/tldr-filler.js';
import { channels, deliveries } from '../../src/db/schema.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { deliveryRounds } from '../helpers/delivery-rounds.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';
import { openTestDatabase, resetTables, type TestDatabase } from '../helpers/test-database.js';
import { scheduledChannel } from '../scheduler/scheduler-fixtures.js';
import { fakeModel, inventedPaper, manualClock, tldrWorkerOn } from './tldr-fixtures.js';

const start = new Date('2026-06-13T09:00:00Z');
const clock = manualClock(start);
const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C-DE' };
const hf = { source: 'hf' as const, dailyDate: '2026-06-13' };
const papers = [
  inventedPaper('2606.78001', 'Shearwater Planning', {
    ...hf,
    upvotes: 50,
    aiSummary: 'Shearwater plans ahead.',
  }),
  inventedPaper('2606.78002', 'Fulmar Vision', { ...hf, upvotes: 20 }),
  inventedPaper('2606.78003', 'Guillemot Speech'),
];
const ids = papers.map((paper) => paper.id) as [string, string, string];

let handle: TestDatabase;
let llm: FakeLlm;
let digest: Card;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  clock.set(start);
  await resetTables(handle);
  const store = createPaperStore(handle.db);
  await store.upsertPapers(papers, start);
  digest = paperListCard('Daily Papers · 2026-06-13', '3 papers', await store.getPapers(ids));
  await scheduledChannel(handle, ref, { language: 'de', threads: false }, start);
  llm = await startFakeLlm();
});
afterEach(async () => llm.close());

async function enqueue(key: string): Promise<number> {
  const [channel] = await handle.db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.channelId, ref.channelId));
  const id = await createDeliveryQueue(handle.db).enqueue(
    { channelId: channel?.id ?? 0, slotId: null, kind: 'digest', card: digest, idempotencyKey: key },
    clock.now(),
  );
  if (id === null) throw new Error('not queued');
  return id;
}

const storedCard = async (id: number) =>
  (await handle.db.select({ card: deliveries.card }).from(deliveries).where(eq(deliveries.id, id)))[0]?.card;
const status = async (id: number) =>
  (await handle.db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.id, id)))[0]
    ?.status;

/** A poster of `parts` posts per message that keeps the card of each, and drops the connection when told. */
function cardPoster(options: { parts: number; failBefore?: { call: number; part: number } }) {
  const posted: { call: number; part: number; card: Card }[] = [];
  let calls = 0;
  const poster: Poster = {
    platform: 'slack',
    supportsIdempotency: false,
    async post(message, onPartSent) {
      calls += 1;
      for (let part = message.partsSent; part < options.parts; part += 1) {
        if (options.failBefore?.call === calls && options.failBefore.part === part)
          throw new Error(`connection reset before part ${part}`);
        posted.push({ call: calls, part, card: message.card });
        await onPartSent(`msg-${part}`);
      }
    },
  };
  return { poster, posted };
}

const rounds = (poster: Poster, tldrs: Pick<TldrFiller, 'fill'>, now: () => Date = clock.now) =>
  deliveryRounds({
    queue: createDeliveryQueue(handle.db),
    channels: createChannelStore(handle.db),
    posters: [poster],
    owner: 'worker-a',
    leaseMs: 60_000,
    maxAttempts: 3,
    logger: silentLogger,
    now,
    random: () => 0.5,
    baseDelayMs: 1_000,
    tldrs,
  });

const kinds = (card: Card | undefined) => card?.items.map((item) => item.summaryKind);

describe('deliveries with TL;DRs', () => {
  it('posts the TL;DRs with the first post (one written while it waits) and stores the filled card', async () => {
    const tldrs = createTldrStore(handle.db);
    for (const [paperId, text] of [
      [ids[0], 'Shearwater plant voraus.'],
      [ids[1], 'Fulmar sieht mehr.'],
    ] as const)
      await tldrs.complete({ paperId, language: 'de' }, text, 'fake-model', start);
    llm.enqueue({ text: 'Guillemot erkennt Sprache.' });
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm), { now: clock.now });
    const filler = createTldrFiller({
      tldrs,
      ready: () => true,
      now: clock.now,
      sleep: async (ms) => {
        clock.advance(ms);
        await worker.runOnce();
      },
    });
    const id = await enqueue('digest:de:1');
    const slack = cardPoster({ parts: 1 });
    expect(await rounds(slack.poster, filler).runOnce()).toBe(1);

    expect(slack.posted).toHaveLength(1);
    const shown = slack.posted[0]?.card;
    expect(shown?.items.map((item) => [item.summaryKind, item.summary])).toEqual([
      ['model', 'Shearwater plant voraus.'],
      ['model', 'Fulmar sieht mehr.'],
      ['model', 'Guillemot erkennt Sprache.'],
    ]);
    expect(await storedCard(id)).toEqual(shown);
    expect(await status(id)).toBe('sent');
  });

  it('posts the stored card again on a retry after the second part failed, whatever is stored since', async () => {
    const tldrs = createTldrStore(handle.db);
    const write = (paperId: string, text: string) =>
      tldrs.complete({ paperId, language: 'de' }, text, 'm', clock.now());
    await write(ids[0], 'Shearwater plant voraus.');
    await write(ids[1], 'Fulmar sieht mehr.');
    // The model is down: the third keeps its abstract sentence.
    const filler = createTldrFiller({ tldrs, ready: () => false, now: clock.now });
    const id = await enqueue('digest:de:2');
    const slack = cardPoster({ parts: 2, failBefore: { call: 1, part: 1 } });
    const worker = rounds(slack.poster, filler);
    await worker.runOnce();
    expect(await status(id)).toBe('failed');
    const first = slack.posted[0]?.card;
    expect(kinds(first)).toEqual(['model', 'model', 'abstract']);
    expect(await storedCard(id)).toEqual(first);

    // The third TL;DR arrives meanwhile: the rest of the message must still match what went out.
    await write(ids[2], 'Guillemot erkennt Sprache.');
    clock.advance(60_000);
    await worker.runOnce();
    expect(await status(id)).toBe('sent');
    expect(slack.posted.map((post) => [post.call, post.part])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(slack.posted[1]?.card).toEqual(first);
  });

  it('posts with the abstract sentences when the filler throws', async () => {
    const id = await enqueue('digest:de:3');
    const slack = cardPoster({ parts: 1 });
    const broken = {
      fill: async () => {
        throw new Error('the database is gone');
      },
    };
    await rounds(slack.poster, broken).runOnce();
    expect(await status(id)).toBe('sent');
    expect(kinds(slack.posted[0]?.card)).toEqual(['hf', 'abstract', 'abstract']);
    expect(slack.posted[0]?.card).toEqual(digest);
    expect(await storedCard(id)).toEqual(digest);
  });

  it('posts nothing when the lease was lost while it waited for TL;DRs', async () => {
    const id = await enqueue('digest:de:4');
    const slack = cardPoster({ parts: 1 });
    const slow = {
      fill: async (card: Card) => {
        await handle.db.update(deliveries).set({ leasedBy: 'worker-b' }).where(eq(deliveries.id, id));
        return { ...card, items: card.items.map((item) => ({ ...item, summaryKind: 'model' as const })) };
      },
    };
    await rounds(slack.poster, slow).runOnce();
    expect(slack.posted).toEqual([]);
    expect(await storedCard(id)).toEqual(digest);
  });

  it('still posts digests while the model is down, without waiting once it is known to be down', async () => {
    llm.respond(() => ({ status: 500 }));
    const { worker, health } = tldrWorkerOn(handle.db, fakeModel(llm), { pollMs: 10 });
    let sleeps = 0;
    const filler = createTldrFiller({
      tldrs: createTldrStore(handle.db),
      ready: health.ready,
      pollMs: 20,
      sleep: (ms) => {
        sleeps += 1;
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const slack = cardPoster({ parts: 1 });
    const now = () => new Date();
    clock.set(new Date());
    worker.start();
    try {
      const first = await enqueue('digest:de:5');
      let began = Date.now();
      await rounds(slack.poster, filler, now).runOnce();
      // The first waits only until the worker's call failed.
      expect(Date.now() - began).toBeLessThan(1_500);
      expect(await status(first)).toBe('sent');
      expect(health.ready()).toBe(false);
      expect(llm.requestCount).toBeGreaterThan(0);

      sleeps = 0;
      const second = await enqueue('digest:de:6');
      began = Date.now();
      await rounds(slack.poster, filler, now).runOnce();
      expect(sleeps).toBe(0);
      expect(Date.now() - began).toBeLessThan(500);
      expect(await status(second)).toBe('sent');
      expect(slack.posted.map((post) => kinds(post.card))).toEqual([
        ['hf', 'abstract', 'abstract'],
        ['hf', 'abstract', 'abstract'],
      ]);
    } finally {
      await worker.stop();
    }
  });
});
