import { afterAll, beforeAll, expect, it } from 'vitest';
import { paperListCard } from '../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { type MessageToRedraw, type Poster, RateLimitedError } from '../../src/core/delivery/poster.js';
import { silentLogger } from '../../src/core/logger.js';
import { createCountRedrawer } from '../../src/scheduler/count-redrawer.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createPostedMessageStore } from '../../src/store/posted-message-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const channel: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
let handle: TestDatabase;
let clock = new Date('2026-06-13T12:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
  await createChannelStore(handle.db).ensure(channel);
});
afterAll(async () => handle?.close());

it('redraws a message with its new counts at most once per interval, and again after a rate limit', async () => {
  const edits: MessageToRedraw[] = [];
  let limited = false;
  const poster: Poster = {
    platform: 'discord',
    supportsIdempotency: true,
    post: async () => {},
    edit: async (message) => {
      if (limited) {
        limited = false;
        throw new RateLimitedError(1000);
      }
      edits.push(message);
    },
  };
  const postedMessages = createPostedMessageStore(handle.db);
  const feedback = createFeedbackStore(handle.db);
  const redrawer = createCountRedrawer({
    postedMessages,
    feedback,
    posters: [poster],
    logger: silentLogger,
    now: () => clock,
    intervalMs: 5000,
  });
  const card = paperListCard(
    'Digest',
    '',
    await createPaperStore(handle.db).getPapers(['2606.93392', '2606.93681']),
  );
  await postedMessages.record({ channel, messageId: 'm1', card, perPaper: false }, clock);

  const vote = async (userId: string) => {
    await feedback.click({ channel, paperId: '2606.93392', userId, kind: 'save' }, clock);
    await postedMessages.countsChanged(channel, '2606.93392', clock);
  };
  await vote('U1');
  expect(await redrawer.round()).toBe(1);
  expect(edits.at(-1)?.card.items.map((item) => item.counts)).toEqual([
    { relevant: 0, saved: 1 },
    { relevant: 0, saved: 0 },
  ]);

  advance(1000);
  await vote('U2');
  expect(await redrawer.round()).toBe(0);
  advance(5000);
  limited = true;
  expect(await redrawer.round()).toBe(1);
  expect(edits).toHaveLength(1);
  advance(5000);
  expect(await redrawer.round()).toBe(1);
  expect(edits.at(-1)?.card.items[0]?.counts).toEqual({ relevant: 0, saved: 2 });
  advance(60_000);
  expect(await redrawer.round()).toBe(0);
});
