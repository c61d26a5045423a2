import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Channel, type ChannelRef, DEFAULT_SETTINGS } from '../../src/core/channel.js';
import { buildDigest, type DigestDependencies } from '../../src/core/digest/build-digest.js';
import type { SubscriptionTerm } from '../../src/core/subscriptions/term.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDigestPapers } from '../../src/store/digest-papers.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createPaperUpdateStore } from '../../src/store/paper-update-store.js';
import { createPaperSearch } from '../../src/store/search-papers.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { recordedCorpus } from '../helpers/recorded-corpus.js';
import { describeRecorded } from '../helpers/shared-data.js';
import { openTestDatabase } from '../helpers/test-database.js';

const ref: ChannelRef = { platform: 'console', workspaceId: 'local', channelId: 'local' };
/** Saturday noon UTC: the Daily-Papers day of Friday 12 June is complete (21:30 New York = 01:30 UTC). */
const saturday = new Date('2026-06-13T12:00:00Z');
const word = (value: string): SubscriptionTerm => ({ kind: 'word', value, text: value });
const exclude = (value: string): SubscriptionTerm => ({ kind: 'exclude', value, text: `-${value}` });
const ids = (digest: { items: { paper: { id: string } }[] }) => digest.items.map((item) => item.paper.id);

let handle: DatabaseHandle;
let dependencies: DigestDependencies;

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
  dependencies = { papers: createDigestPapers(handle.db), subscriptions: createSubscriptionStore(handle.db) };
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.execute(sql`truncate channels, subscriptions, delivered_papers restart identity cascade`);
});

async function channelWith(
  settings: Partial<Channel['settings']>,
  terms: SubscriptionTerm[] = [],
): Promise<Channel> {
  const channels = createChannelStore(handle.db);
  await channels.ensure(ref);
  const channel = await channels.updateSettings(ref, { ...DEFAULT_SETTINGS, ...settings });
  await dependencies.subscriptions.add(ref, terms);
  return channel;
}

describe('buildDigest', () => {
  it('takes the top papers of the latest complete Daily-Papers day by upvotes', async () => {
    const digest = await buildDigest(dependencies, await channelWith({ top: 5 }), saturday);
    expect(digest.day).toBe('2026-06-12');
    expect(ids(digest)).toEqual(['2606.93681', '2606.93392', '2606.98063', '2606.93289', '2606.93106']);
    expect(digest.items.every((item) => item.reason === 'trending' && item.matchedTerm === null)).toBe(true);
  });

  it('does not use a day Hugging Face is still filling', async () => {
    // 16:00 in New York on the 12th: that day is not complete, and no earlier day is stored.
    const digest = await buildDigest(dependencies, await channelWith({}), new Date('2026-06-12T20:00:00Z'));
    expect(digest.day).toBeNull();
    expect(digest.items).toEqual([]);
  });

  it('applies the minimum upvotes and orders ties by id', async () => {
    expect(ids(await buildDigest(dependencies, await channelWith({ minUpvotes: 100 }), saturday))).toEqual([
      '2606.93681',
      '2606.93392',
    ]);
    const twenty = ids(await buildDigest(dependencies, await channelWith({ top: 20 }), saturday));
    expect(twenty).toHaveLength(17);
    // Four papers have 2 upvotes, between the one with 3 and the one with 1: id order decides.
    expect(twenty.slice(10, 16)).toEqual([
      '2606.93594',
      '2606.90423',
      '2606.93174',
      '2606.97867',
      '2606.98103',
      '2606.99446',
    ]);
  });

  it('never repeats a paper the channel was already sent', async () => {
    const channel = await channelWith({ top: 3 });
    const first = await buildDigest(dependencies, channel, saturday);
    await dependencies.papers.markDelivered(
      ref,
      first.items.map((item) => ({ paperId: item.paper.id, matchedTerm: item.matchedTerm })),
      saturday,
    );
    const second = await buildDigest(dependencies, channel, saturday);
    expect(ids(second)).toEqual(['2606.93289', '2606.93106', '2606.92243']);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  });

  it('adds subscription matches after the trending papers, each paper once, marked with its term', async () => {
    const channel = await channelWith({ top: 3, sources: ['hf', 'cs.LG'] }, [
      word('sparse'),
      word('transformer'),
      word('attention'),
    ]);
    const digest = await buildDigest(dependencies, channel, saturday);

    const sparse = digest.items.find((item) => item.paper.id === '2606.93392');
    expect(sparse).toMatchObject({ reason: 'trending', matchedTerm: 'sparse' });
    expect(ids(digest).filter((id) => id === '2606.93392')).toHaveLength(1);
    const matched = digest.items.filter((item) => item.reason === 'subscription');
    expect(matched.length).toBeGreaterThan(0);
    for (const item of matched) expect(['sparse', 'transformer', 'attention']).toContain(item.matchedTerm);
    // arXiv papers come from the channel's categories only.
    for (const item of matched) {
      expect(item.paper.sources.includes('hf') || item.paper.categories.includes('cs.LG')).toBe(true);
    }
  });

  it('leaves out papers with an excluded term, trending ones included', async () => {
    const channel = await channelWith({ top: 5 }, [exclude('memory')]);
    const digest = await buildDigest(dependencies, channel, saturday);
    expect(ids(digest)).not.toContain('2606.93681'); // "Gridlock: A City-Scale Benchmark ..."
    expect(ids(digest)).toHaveLength(5);
  });

  it('is empty for a channel whose sources have nothing new', async () => {
    const digest = await buildDigest(
      dependencies,
      await channelWith({ sources: ['math.GT'] }, [word('topology')]),
      saturday,
    );
    expect(digest).toMatchObject({ day: null, items: [] });
  });

  it('gives the same digest for the same store and clock', async () => {
    const channel = await channelWith({ top: 4, sources: ['hf', 'cs.LG', 'cs.AI'] }, [
      word('agents'),
      word('model'),
    ]);
    const a = await buildDigest(dependencies, channel, saturday);
    const b = await buildDigest(dependencies, channel, saturday);
    expect(b).toEqual(a);
  });

  it('asks for the subscriptions, the day, the votes and the updates at once, before any answer', async () => {
    const events: string[] = [];
    const traced = <T extends object>(target: T, names: (keyof T & string)[]): T => {
      const copy = { ...target };
      for (const name of names) {
        const method = target[name] as (...args: unknown[]) => Promise<unknown>;
        (copy as Record<string, unknown>)[name] = async (...args: unknown[]) => {
          events.push(`ask ${name}`);
          const answer = await method.apply(target, args);
          events.push(`answer ${name}`);
          return answer;
        };
      }
      return copy;
    };
    const digest = await buildDigest(
      {
        papers: traced(dependencies.papers, ['latestDailyDay', 'trending']),
        subscriptions: traced(dependencies.subscriptions, ['list']),
        feedback: traced(createFeedbackStore(handle.db), ['signals']),
        updates: traced(createPaperUpdateStore(handle.db), ['unmentioned']),
      },
      await channelWith({ top: 3, learn: true }),
      saturday,
    );
    expect(digest.items).toHaveLength(3);
    const firstAnswer = events.findIndex((event) => event.startsWith('answer'));
    expect(events.slice(0, firstAnswer).sort()).toEqual([
      'ask latestDailyDay',
      'ask list',
      'ask signals',
      'ask unmentioned',
    ]);
    expect(events.indexOf('ask trending')).toBeGreaterThan(events.indexOf('answer latestDailyDay'));
  });
});

const everything = { includeHf: true, categories: ['cs.AI', 'cs.LG', 'cs.CL', 'cs.CV', 'cs.RO'] };
const window = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2030-01-01T00:00:00Z') };
const agreementCases: [string, SubscriptionTerm[]][] = [
  ['lora', [word('lora')]],
  ['benchmarks', [word('benchmarks')]],
  [
    '"sparse attention"',
    [{ kind: 'phrase', value: 'sparse attention', text: '"sparse attention"' } as SubscriptionTerm],
  ],
  ['vision-language', [word('vision-language')]],
  ['agent -memory', [word('agent'), exclude('memory')]],
];

/** Subscription matching and search find the same papers for the same terms, and some papers at all. */
async function expectMatchingAgreesWithSearch(
  database: DatabaseHandle,
  query: string,
  terms: SubscriptionTerm[],
): Promise<void> {
  await createChannelStore(database.db).ensure(ref);
  const matched = await createDigestPapers(database.db).matching({
    channel: ref,
    terms,
    ...everything,
    ...window,
    limit: 1000,
  });
  const found = await createPaperSearch(database.db).search({ query, limit: 1000 });
  // Author names are searchable, but only `author:` terms match them; none of these words is in a name.
  const inAuthorNames = found.hits.filter(({ paper }) =>
    paper.authors
      .join(' ')
      .toLowerCase()
      .includes(terms[0]?.value ?? ''),
  );
  expect(inAuthorNames).toEqual([]);
  expect(matched.map((match) => match.paper.id).sort()).toEqual(found.hits.map((hit) => hit.paper.id).sort());
  expect(matched.length).toBeGreaterThan(0);
}

describe('subscription matching agrees with search', () => {
  it.each(agreementCases)('on the fixture corpus for %s', async (query, terms) => {
    await expectMatchingAgreesWithSearch(handle, query, terms);
  });

  it('matches authors and categories exactly, ignoring case for authors', async () => {
    await channelWith({});
    const byAuthor = await dependencies.papers.matching({
      channel: ref,
      terms: [{ kind: 'author', value: 'ansel quarrington', text: 'author:"ansel quarrington"' }],
      ...everything,
      ...window,
      limit: 100,
    });
    expect(byAuthor.map((match) => match.paper.id)).toEqual(['2606.93677']);
    const byCategory = await dependencies.papers.matching({
      channel: ref,
      terms: [{ kind: 'category', value: 'cs.RO', text: 'category:cs.RO' }],
      ...everything,
      ...window,
      limit: 100,
    });
    expect(byCategory.length).toBeGreaterThan(0);
    expect(byCategory.every((match) => match.paper.categories.includes('cs.RO'))).toBe(true);
  });
});

describeRecorded('subscription matching agrees with search on real text', () => {
  let recorded: DatabaseHandle;
  beforeAll(async () => {
    recorded = await openTestDatabase('pglite');
    await createPaperStore(recorded.db).upsertPapers(recordedCorpus());
  });
  afterAll(async () => recorded?.close());

  it.each(agreementCases)('on the recorded corpus for %s', async (query, terms) => {
    await expectMatchingAgreesWithSearch(recorded, query, terms);
  });
});
