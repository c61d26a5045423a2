import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { PaperInput } from '../../../src/core/paper.js';
import { createPaperLookups, type PaperLookups } from '../../../src/ingest/paper-lookups.js';
import { type ArxivSource, createArxivSource } from '../../../src/sources/arxiv.js';
import { createHttpClient, type HttpClient } from '../../../src/sources/http-client.js';
import { createPaperStore, type PaperStore } from '../../../src/store/paper-store.js';
import { createSharedPaperStore } from '../../../src/store/shared-paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { arxivIdLookup, type InventedArxivPaper } from '../../helpers/fake-arxiv-ids.js';
import { linkSharedEvent, postEvent } from '../../helpers/fake-slack-events.js';
import type { FakeUnfurl } from '../../helpers/fake-slack-unfurls.js';
import { type FakeUpstream, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../helpers/test-database.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import { idsAsked, timed } from './link-papers.js';
import { NOW, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;
type Event = ReturnType<typeof linkSharedEvent>;

/** arXiv's rule: requests start at least this far apart. */
const ARXIV_SPACING_MS = 3000;
/**
 * The arXiv source's spacer is held to 3 s between the moments it starts requests (`starts`, exactly). The fake
 * arXiv records when each request arrives, in this same process: while the burst keeps the event loop busy, a
 * request can be read up to some tens of milliseconds after it was sent, so arrivals are held to 3 s less this.
 */
const ARRIVAL_JITTER_MS = 100;
const EVENTS = 40;
const LINKS_PER_EVENT = 5;

/** The URL forms a burst's links take, in turn. */
const FORMS = [
  (id: string) => `https://arxiv.org/abs/${id}`,
  (id: string) => `https://huggingface.co/papers/${id}`,
  (id: string) => `https://arxiv.org/pdf/${id}v2`,
  (id: string) => `https://alphaxiv.org/abs/${id}`,
  (id: string) => `https://doi.org/10.48550/arXiv.${id}`,
];

/**
 * A burst's papers, `prefix` keeping each burst's ids apart: a few stored, most known only to arXiv, some known
 * to nobody, interleaved so that every message mixes them.
 */
function burstPapers(prefix: string, counts: { stored: number; arxiv: number; unknown: number }) {
  const ids = Array.from(
    { length: counts.stored + counts.arxiv + counts.unknown },
    (_, index) => `${prefix}${String(index + 1).padStart(4, '0')}`,
  );
  const stored: PaperInput[] = ids
    .slice(0, counts.stored)
    .map((id) => ({ id, title: `Stored ${id}`, source: 'hf' }));
  const arxiv: InventedArxivPaper[] = ids
    .slice(counts.stored, counts.stored + counts.arxiv)
    .map((id) => ({ id, title: `Looked up ${id}` }));
  const unknown = ids.slice(counts.stored + counts.arxiv);
  // Interleaved by a step coprime with the pool's size: each message holds a mix of kinds.
  const pool = ids.map((_, index) => ids[(index * 7) % ids.length] ?? '');
  return { stored, arxiv, unknown, pool, known: new Set(ids.slice(0, counts.stored + counts.arxiv)) };
}

/** `EVENTS` messages of `LINKS_PER_EVENT` links each, walking the pool (so ids repeat across messages). */
function burstEvents(pool: readonly string[], channelOf: (event: number) => string): Event[] {
  return Array.from({ length: EVENTS }, (_, event) =>
    linkSharedEvent({
      user: 'U1',
      channel: channelOf(event),
      messageTs: `1700000${String(event).padStart(3, '0')}.000100`,
      links: Array.from({ length: LINKS_PER_EVENT }, (_, link) => {
        const id = pool[(event * LINKS_PER_EVENT + link) % pool.length] ?? '';
        return FORMS[link % FORMS.length]?.(id) ?? '';
      }),
    }),
  );
}

/** The id of one of `FORMS`' URLs. */
const idOfUrl = (url: string): string =>
  /(\d{4}\.\d{5})(?:v\d+)?$/.exec(url.replace(/\.pdf$/, ''))?.[1] ?? /(\d{4}\.\d{5})/.exec(url)?.[1] ?? '';

const driver = postgresUrl ? 'postgres' : 'pglite';

describe(`a burst of shared links (${driver})`, { timeout: 40_000 }, () => {
  let handle: TestDatabase;
  let upstream: FakeUpstream;
  let slack: Harness;
  let papers: PaperStore;
  let arxiv: ArxivSource;
  let lookups: PaperLookups;
  let bot: BotDependencies;
  const log = capturingLogger();
  /** The most ids ever waiting, read right after every look-up was queued and every millisecond. */
  let mostQueued = 0;
  let requests: ReturnType<typeof timed>;
  /** When the arXiv source started each request (`Date.now()` as its spacer let it go). */
  const starts: number[] = [];
  const known: InventedArxivPaper[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    papers = createPaperStore(handle.db);
    upstream = await startFakeUpstream();
    requests = timed(arxivIdLookup(known));
    upstream.route('/api/query', requests.handler);
    const inner = createHttpClient({ userAgent: 'paperboy-test', timeoutMs: 5000, maxRetries: 0 });
    // Each attempt runs through the spacer's `schedule`: the moment it runs is the moment the request starts.
    const http: HttpClient = {
      getText: (url, options = {}) =>
        inner.getText(url, {
          ...options,
          schedule: (attempt) =>
            (options.schedule ?? ((run) => run()))(() => {
              starts.push(Date.now());
              return attempt();
            }),
        }),
    };
    arxiv = createArxivSource({
      apiUrl: `${upstream.url}/api`,
      rssUrl: `${upstream.url}/rss`,
      http,
      minIntervalMs: ARXIV_SPACING_MS,
    });
    bot = {
      ...createStoreBotDependencies(handle.db, log.logger),
      lookupPapers: (ids) => {
        const found = lookups.lookup(ids);
        mostQueued = Math.max(mostQueued, lookups.queued());
        return found;
      },
      shares: createSharedPaperStore(handle.db),
    };
    slack = await startSlackOverHttp({ bot, handle, logger: log.logger });
  });
  afterAll(async () => {
    await slack?.close();
    await upstream?.close();
    await handle?.close();
  });

  /** Sends every event within about a second, and waits until the listener is done with all of them. */
  async function burst(events: readonly Event[], tag: string): Promise<Map<string, FakeUnfurl[]>> {
    const sampler = setInterval(() => {
      mostQueued = Math.max(mostQueued, lookups.queued());
    }, 1);
    try {
      const started = Date.now();
      const ids = events.map((_, index) => `Ev${tag}${index}`);
      await Promise.all(
        events.map(async (event, index) => {
          await new Promise((resolve) => setTimeout(resolve, index * 25));
          const sent = await postEvent(slack.eventsUrl, event, {
            secret: SIGNING_SECRET,
            eventId: ids[index],
          });
          expect(sent.status).toBe(200);
        }),
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      const done = () =>
        ids.every((id) =>
          log.lines.some((line) => line.message === 'shared links answered' && line.fields.eventId === id),
        );
      await expect.poll(done, { timeout: 30_000, interval: 50 }).toBe(true);
    } finally {
      clearInterval(sampler);
    }
    return new Map(
      events.map((event) => [
        event.unfurl_id ?? '',
        slack.fake.unfurls.filter(
          (unfurl) => 'unfurlId' in unfurl.target && unfurl.target.unfurlId === event.unfurl_id,
        ),
      ]),
    );
  }

  /** Consecutive requests of a burst (from the `from`-th on): started 3 s apart, and arrived so. */
  const expectSpaced = (from: number) => {
    const gaps = (times: readonly number[]) =>
      times.slice(from + 1).map((at, index) => at - (times[from + index] ?? 0));
    expect(starts.length).toBe(requests.times.length);
    // Read a moment after the spacer's own clock read, in whole milliseconds: 1 ms either way.
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(ARXIV_SPACING_MS - 1);
    for (const gap of gaps(requests.times))
      expect(gap).toBeGreaterThanOrEqual(ARXIV_SPACING_MS - ARRIVAL_JITTER_MS);
  };

  it('asks arXiv for each unknown id once, in few requests 3 s apart, and unfurls every known paper once per URL', async () => {
    const set = burstPapers('2611.1', { stored: 12, arxiv: 70, unknown: 28 });
    await papers.upsertPapers(set.stored, NOW);
    known.push(...set.arxiv);
    lookups = createPaperLookups({ arxiv, papers, logger: log.logger });
    const events = burstEvents(set.pool, (event) => `C${event % 4}`);
    const before = requests.times.length;

    const unfurls = await burst(events, 'A');

    const asked = requests.requests.slice(before).flatMap(idsAsked);
    expect(new Set(asked).size).toBe(asked.length);
    expect(new Set(asked)).toEqual(new Set([...set.arxiv.map((paper) => paper.id), ...set.unknown]));
    expect(requests.times.length - before).toBeLessThanOrEqual(4);
    expectSpaced(before);
    for (const event of events) {
      // At most two calls (stored papers, then every card once the look-ups are in); the last holds each
      // known paper's URL once.
      const calls = unfurls.get(event.unfurl_id ?? '') ?? [];
      expect(calls.length, event.unfurl_id).toBeLessThanOrEqual(2);
      const urls = Object.keys(calls.at(-1)?.unfurls ?? {});
      const expected = event.links.map((link) => link.url).filter((url) => set.known.has(idOfUrl(url)));
      expect(urls.sort(), event.unfurl_id).toEqual([...new Set(expected)].sort());
    }
    expect(mostQueued).toBeLessThanOrEqual(500);
  });

  it('with a small queue, drops the oldest waiting look-ups with a log line, never holding more than allowed', async () => {
    const maxQueued = 12;
    const set = burstPapers('2611.2', { stored: 4, arxiv: 80, unknown: 16 });
    await papers.upsertPapers(set.stored, NOW);
    known.push(...set.arxiv);
    lookups = createPaperLookups({ arxiv, papers, logger: log.logger, maxQueued });
    mostQueued = 0;
    const events = burstEvents(set.pool, () => 'C9');
    const before = requests.times.length;

    const unfurls = await burst(events, 'B');

    expect(mostQueued).toBeGreaterThan(0);
    expect(mostQueued).toBeLessThanOrEqual(maxQueued);
    const dropped = log.lines.filter(
      (line) => line.level === 'warn' && /dropped the oldest/.test(line.message),
    );
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]?.fields).toMatchObject({ maxQueued });
    const asked = requests.requests.slice(before).flatMap(idsAsked);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBeLessThan(set.arxiv.length + set.unknown.length);
    expectSpaced(before);
    // The newest look-ups were kept: the last message got a card for each of its known papers.
    const last = events.at(-1) as Event;
    const lastUrls = Object.keys((unfurls.get(last.unfurl_id ?? '') ?? []).at(-1)?.unfurls ?? {});
    expect(lastUrls.sort()).toEqual(
      last.links
        .map((link) => link.url)
        .filter((url) => set.known.has(idOfUrl(url)))
        .sort(),
    );
    // The stored papers were never queued: every message got their cards.
    for (const event of events) {
      const urls = (unfurls.get(event.unfurl_id ?? '') ?? []).flatMap((call) => Object.keys(call.unfurls));
      for (const link of event.links)
        if (set.stored.some((paper) => paper.id === idOfUrl(link.url))) expect(urls).toContain(link.url);
    }
  });
});
