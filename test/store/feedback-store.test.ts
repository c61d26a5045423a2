import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.js';
import type { FeedbackKind } from '../../src/core/feedback/feedback.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createFeedbackStore, REPEAT_WINDOW_MS } from '../../src/store/feedback-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import {
  describeEachDatabase,
  openTestDatabase,
  resetTables,
  type TestDatabase,
} from '../helpers/test-database.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const other: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C2' };
const HELIX = '2606.93392';
const GRIDLOCK = '2606.93681';
const t0 = new Date('2026-06-13T12:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const vote = (kind: FeedbackKind, userId = 'U1', paperId = HELIX, where = channel) => ({
  channel: where,
  paperId,
  userId,
  kind,
});

describeEachDatabase('feedback store', (driver) => {
  let handle: TestDatabase;
  /** A second connection to the same database, as another replica has (PGlite: the same one). */
  let replica: DatabaseHandle;
  const store = () => createFeedbackStore(handle.db);

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    replica = handle.url ? await openDatabase({ url: handle.url, migrate: false }) : handle;
  });
  afterAll(async () => {
    if (replica !== handle) await replica?.close();
    await handle?.close();
  });
  beforeEach(async () => {
    await resetTables(handle);
    await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
    await createChannelStore(handle.db).ensure(channel);
    await createChannelStore(handle.db).ensure(other);
  });

  it('toggles relevant: a second click later withdraws it; not relevant replaces it', async () => {
    expect(await store().click(vote('relevant'), t0)).toEqual({
      state: { relevance: 1, saved: false },
      changed: true,
    });
    expect((await store().click(vote('relevant'), later(5000))).state.relevance).toBe(0);
    await store().click(vote('relevant'), later(10_000));
    const disliked = await store().click(vote('notRelevant'), later(10_500));
    expect(disliked).toEqual({ state: { relevance: -1, saved: false }, changed: true });
    expect((await store().counts(channel, [HELIX])).get(HELIX)).toEqual({ relevant: 0, saved: 0 });
  });

  it('counts a double click once, but takes a change of mind within the same seconds', async () => {
    await store().click(vote('relevant'), t0);
    expect(await store().click(vote('relevant'), later(300))).toEqual({
      state: { relevance: 1, saved: false },
      changed: false,
    });
    expect((await store().click(vote('relevant'), later(REPEAT_WINDOW_MS + 1))).state.relevance).toBe(0);
    await store().click(vote('save'), later(10_000));
    expect((await store().click(vote('save'), later(10_100))).changed).toBe(false);
    expect((await store().click(vote('notRelevant'), later(10_200))).state).toEqual({
      relevance: -1,
      saved: true,
    });
  });

  it('keeps saving independent of relevance, and per person and channel', async () => {
    await store().click(vote('save'), t0);
    await store().click(vote('notRelevant'), t0);
    await store().click(vote('save', 'U2'), t0);
    await store().click(vote('relevant', 'U2'), t0);
    await store().click(vote('relevant', 'U3', HELIX, other), t0);
    expect((await store().counts(channel, [HELIX, GRIDLOCK])).get(HELIX)).toEqual({ relevant: 1, saved: 2 });
    expect((await store().counts(channel, [HELIX, GRIDLOCK])).get(GRIDLOCK)).toEqual({
      relevant: 0,
      saved: 0,
    });
    expect((await store().counts(other, [HELIX])).get(HELIX)).toEqual({ relevant: 1, saved: 0 });
  });

  it('loses nothing and counts nothing twice when many clicks arrive at once on two replicas', async () => {
    const replicaStore = createFeedbackStore(replica.db);
    const users = Array.from({ length: 12 }, (_, index) => `U${index}`);
    // Every person double-clicks save on both replicas at once, and once relevant.
    await Promise.all(
      users.flatMap((user) => [
        store().click(vote('save', user), t0),
        replicaStore.click(vote('save', user), t0),
        store().click(vote('relevant', user), t0),
      ]),
    );
    expect((await store().counts(channel, [HELIX])).get(HELIX)).toEqual({ relevant: 12, saved: 12 });
  });

  it('sets and clears with reactions, never toggling', async () => {
    const on = (kind: FeedbackKind) => ({ ...vote(kind), on: true });
    const off = (kind: FeedbackKind) => ({ ...vote(kind), on: false });
    expect(await store().react(on('relevant'), t0)).toEqual({
      state: { relevance: 1, saved: false },
      changed: true,
    });
    expect((await store().react(on('relevant'), t0)).changed).toBe(false);
    expect((await store().react(off('notRelevant'), t0)).state.relevance).toBe(1);
    expect((await store().react(off('relevant'), t0)).state.relevance).toBe(0);
    expect((await store().react(on('save'), t0)).state.saved).toBe(true);
    expect((await store().react(off('save'), later(1))).state.saved).toBe(false);
  });

  it('takes a click just after a reaction for a click of its own, not a repeat, for every kind', async () => {
    await store().click(vote('relevant'), t0);
    await store().react({ ...vote('relevant'), on: true }, later(100));
    expect(await store().click(vote('relevant'), later(200))).toEqual({
      state: { relevance: 0, saved: false },
      changed: true,
    });
    await store().react({ ...vote('save'), on: true }, later(300));
    expect(await store().click(vote('save'), later(400))).toEqual({
      state: { relevance: 0, saved: false },
      changed: true,
    });
  });

  it('lists the reading list newest first, with who saved, since a date and by a person, in pages', async () => {
    await store().click(vote('save', 'U1', HELIX), t0);
    await store().click(vote('save', 'U2', HELIX), later(60_000));
    await store().click(vote('save', 'U2', GRIDLOCK), later(120_000));
    const all = await store().saved(channel, { limit: 10, offset: 0 });
    expect(all.total).toBe(2);
    expect(all.entries.map((entry) => [entry.paper.id, entry.savedBy])).toEqual([
      [GRIDLOCK, ['U2']],
      [HELIX, ['U2', 'U1']],
    ]);
    expect(
      (await store().saved(channel, { limit: 10, offset: 0, by: 'U1' })).entries.map((e) => e.paper.id),
    ).toEqual([HELIX]);
    expect((await store().saved(channel, { since: later(90_000), limit: 10, offset: 0 })).total).toBe(1);
    // by: and since: together: what that person saved since then (U1 saved HELIX before; U2 saved it after).
    expect(await store().saved(channel, { since: later(30_000), by: 'U1', limit: 10, offset: 0 })).toEqual({
      total: 0,
      entries: [],
    });
    const second = await store().saved(channel, { limit: 1, offset: 1 });
    expect(second).toMatchObject({ total: 2, entries: [{ paper: { id: HELIX } }] });
    expect(await store().saved(channel, { limit: 1, offset: 5 })).toEqual({ total: 2, entries: [] });
  });

  it('takes a paper off the list for everyone, saying who had saved it', async () => {
    await store().click(vote('save', 'U1'), t0);
    await store().click(vote('save', 'U2'), t0);
    expect((await store().unsave(channel, HELIX, later(10))).sort()).toEqual(['U1', 'U2']);
    expect(await store().unsave(channel, HELIX, later(20))).toEqual([]);
    expect((await store().saved(channel, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('sums what the channel said per paper, for learning', async () => {
    await store().click(vote('relevant', 'U1'), t0);
    await store().click(vote('save', 'U2'), t0);
    await store().click(vote('notRelevant', 'U3', GRIDLOCK), t0);
    await store().click(vote('relevant', 'U9', GRIDLOCK, other), t0);
    const signals = await store().signals(channel);
    expect(
      signals.map(({ at: _at, ...signal }) => signal).sort((a, b) => a.paperId.localeCompare(b.paperId)),
    ).toEqual([
      { paperId: HELIX, relevant: 1, notRelevant: 0, saved: 1 },
      { paperId: GRIDLOCK, relevant: 0, notRelevant: 1, saved: 0 },
    ]);
  });
});
