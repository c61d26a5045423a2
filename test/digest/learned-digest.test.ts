import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Channel, type ChannelRef, DEFAULT_SETTINGS } from '../../src/core/channel.js';
import { buildDigest, type DigestDependencies } from '../../src/core/digest/build-digest.js';
import { digestCard } from '../../src/core/digest/digest-card.js';
import type { FeedbackKind } from '../../src/core/feedback/feedback.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDigestPapers } from '../../src/store/digest-papers.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import {
  type Driver,
  describeEachDatabase,
  drivers,
  openTestDatabase,
  resetTables,
  type TestDatabase,
} from '../helpers/test-database.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
/** Saturday noon UTC: the Daily-Papers day of Friday 12 June is complete. */
const saturday = new Date('2026-06-13T12:00:00Z');
const FOLD = '2510.94968'; // FOLD: Neural Keypoint Policies for Long-Horizon Laundry Folding With Robots
const CONTACT = '2510.93307'; // Neural Contact Fields for Tactile Peg Insertion
const GRIDLOCK = '2606.93681'; // Gridlock: A City-Scale Benchmark for Traffic-Signal Agents (118 upvotes)
const BY_UPVOTES = ['2606.93681', '2606.93392', '2606.98063', '2606.93289', '2606.93106'];
const ids = (digest: { items: { paper: { id: string } }[] }) => digest.items.map((item) => item.paper.id);

/** Three people save FOLD, two find Neural Contact Fields relevant: five votes for robots. */
const ROBOT_VOTES: [string, string, FeedbackKind][] = [
  ['U1', FOLD, 'save'],
  ['U2', FOLD, 'save'],
  ['U3', FOLD, 'save'],
  ['U1', CONTACT, 'relevant'],
  ['U2', CONTACT, 'relevant'],
];

async function seed(handle: TestDatabase) {
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus(), new Date('2026-06-13T00:00:00Z'));
}

function setup(driver: Driver) {
  const state = {} as { handle: TestDatabase; dependencies: DigestDependencies };
  beforeAll(async () => {
    state.handle = await openTestDatabase(driver);
  });
  afterAll(async () => state.handle?.close());
  beforeEach(async () => {
    await resetTables(state.handle);
    await seed(state.handle);
    const { db } = state.handle;
    state.dependencies = {
      papers: createDigestPapers(db),
      subscriptions: createSubscriptionStore(db),
      feedback: createFeedbackStore(db),
    };
  });
  return state;
}

async function channelWith(
  handle: TestDatabase,
  settings: Partial<Channel['settings']> = {},
): Promise<Channel> {
  const channels = createChannelStore(handle.db);
  await channels.ensure(ref);
  return channels.updateSettings(ref, { ...DEFAULT_SETTINGS, sources: ['hf', 'cs.RO'], ...settings });
}

async function vote(handle: TestDatabase, votes: [string, string, FeedbackKind][]) {
  const feedback = createFeedbackStore(handle.db);
  for (const [userId, paperId, kind] of votes)
    await feedback.click({ channel: ref, paperId, userId, kind }, new Date('2026-06-12T08:00:00Z'));
}

describeEachDatabase('a digest that learns from votes', (driver) => {
  const state = setup(driver);

  it('ranks by upvotes alone, byte for byte, until the fifth vote', async () => {
    const channel = await channelWith(state.handle);
    const { papers, subscriptions } = state.dependencies;
    const today = await buildDigest({ papers, subscriptions }, channel, saturday);
    await vote(state.handle, ROBOT_VOTES.slice(0, 4));
    const withFour = await buildDigest(state.dependencies, channel, saturday);
    expect(ids(withFour)).toEqual(BY_UPVOTES);
    expect(JSON.stringify(withFour)).toBe(JSON.stringify(today));
    expect(JSON.stringify(digestCard(withFour, { postWhenEmpty: true }))).toBe(
      JSON.stringify(digestCard(today, { postWhenEmpty: true })),
    );
  });

  it('chooses by the profile from the fifth vote, robots first', async () => {
    const channel = await channelWith(state.handle);
    await vote(state.handle, ROBOT_VOTES);
    const digest = await buildDigest(state.dependencies, channel, saturday);
    expect(digest.learnedFrom).toBe(5);
    expect(ids(digest)).toEqual(LEARNED);
  });

  it('with learn:off ranks by upvotes whatever the votes', async () => {
    const channel = await channelWith(state.handle, { learn: false });
    await vote(state.handle, ROBOT_VOTES);
    const digest = await buildDigest(state.dependencies, channel, saturday);
    expect(ids(digest)).toEqual(BY_UPVOTES);
    expect(digest.learnedFrom).toBeUndefined();
  });

  it('says why it chose a paper upvotes alone would not have', async () => {
    const channel = await channelWith(state.handle);
    await vote(state.handle, ROBOT_VOTES);
    const digest = await buildDigest(state.dependencies, channel, saturday);
    const reasons = Object.fromEntries(digest.items.map((item) => [item.paper.id, item.because ?? null]));
    expect(reasons).toEqual(BECAUSE);
    const card = digestCard(digest, { postWhenEmpty: true });
    expect(card?.subheader).toBe('Daily Papers of Fri, 12 Jun 2026 · 5 picked from your votes and upvotes');
    expect(card?.items.map((item) => item.because ?? null)).toEqual(Object.values(BECAUSE));
  });

  it('never brings back a 👎 paper and sinks its near-duplicates', async () => {
    await createPaperStore(state.handle.db).upsertPapers([
      {
        id: '2606.99901',
        title: 'Gridlock-XL: A City-Scale Benchmark for Traffic-Signal Agents',
        abstract:
          'We extend Gridlock, a city-scale benchmark for traffic-signal agents, with more intersections and the same memory and coordination tasks.',
        categories: ['cs.AI'],
        publishedAt: new Date('2026-06-11T00:00:00Z'),
        dailyDate: '2026-06-12',
        upvotes: 400,
        source: 'hf',
      },
    ]);
    const channel = await channelWith(state.handle, { top: 10 });
    await vote(state.handle, ROBOT_VOTES);
    const liked = await buildDigest(state.dependencies, channel, saturday);
    expect(ids(liked)).toContain('2606.99901');
    expect(ids(liked)).toContain(GRIDLOCK);

    await vote(state.handle, [['U4', GRIDLOCK, 'notRelevant']]);
    const disliked = await buildDigest(state.dependencies, channel, saturday);
    expect(disliked.learnedFrom).toBe(6);
    expect(ids(disliked)).toHaveLength(10);
    expect(ids(disliked)).not.toContain(GRIDLOCK);
    expect(ids(disliked)).not.toContain('2606.99901');
  });
});

/**
 * Trowel (robotic bricklaying, cs.RO), Shelf-Ready (warehouse picking), Helix (103 upvotes: the field reads
 * it), Knots and Tangles (rope manipulation by robot arms) and Pocket Tutors (18 upvotes, among the top five).
 */
const LEARNED = ['2606.93677', '2606.92730', '2606.93392', '2606.98103', '2606.93106'];
const LIKE_FOLD =
  'like "FOLD: Neural Keypoint Policies for Long-Horizon Laundry Folding With Recovery F…", which 3 of you saved';
/** Helix and Pocket Tutors are among the top five by upvotes: they need no reason. */
const BECAUSE: Record<string, string | null> = {
  '2606.93677': LIKE_FOLD,
  '2606.92730': LIKE_FOLD,
  '2606.93392': null,
  '2606.98103': LIKE_FOLD,
  '2606.93106': null,
};

describe.runIf(drivers.length === 2)('PGlite and Postgres', () => {
  it('give the same learned digest', async () => {
    const digests = [];
    for (const driver of drivers) {
      const handle = await openTestDatabase(driver);
      try {
        await seed(handle);
        const channel = await channelWith(handle);
        await vote(handle, ROBOT_VOTES);
        const { db } = handle;
        digests.push(
          await buildDigest(
            {
              papers: createDigestPapers(db),
              subscriptions: createSubscriptionStore(db),
              feedback: createFeedbackStore(db),
            },
            channel,
            saturday,
          ),
        );
      } finally {
        await handle.close();
      }
    }
    expect(JSON.stringify(digests[1])).toBe(JSON.stringify(digests[0]));
    expect(digests[0]?.learnedFrom).toBe(5);
  });
});
