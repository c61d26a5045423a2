import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Channel, type ChannelRef, DEFAULT_SETTINGS } from '../src/core/channel.js';
import { buildDigest, type DigestDependencies } from '../src/core/digest/build-digest.js';
import { CANDIDATE_DAYS, MAX_CANDIDATES } from '../src/core/digest/learned-picks.js';
import type { FeedbackKind } from '../src/core/feedback/feedback.js';
import type { Paper } from '../src/core/paper.js';
import type { PaperDocument } from '../src/core/relevance/paper-document.js';
import { DEFAULT_RANKING, type RankingOptions } from '../src/core/relevance/rank-candidates.js';
import { type DatabaseHandle, openDatabase, pgliteDirectory } from '../src/db/database.js';
import { createChannelStore } from '../src/store/channel-store.js';
import { createDigestPapers } from '../src/store/digest-papers.js';
import { createFeedbackStore } from '../src/store/feedback-store.js';
import { createPaperStore } from '../src/store/paper-store.js';
import { createSubscriptionStore } from '../src/store/subscription-store.js';
import { openFreshPostgres } from './fresh-postgres.js';
import { type BenchRow, percentile, timed } from './measure.js';
import { corpusPapers, corpusPath, fillerPapers } from './relevance-corpus.js';
import { seededRandom } from './synthetic-papers.js';

/**
 * Scenario `relevance`: does learning from votes choose better papers, and what does it cost? On the real-text
 * corpus (read from ../shared/corpus at run time, with simulated Hugging Face days and upvotes), simulated
 * channels with a hidden interest (a few categories or stemmed words) get one digest a day through the real
 * `buildDigest` and vote on its five papers through the real feedback store (10% of the votes flipped). It
 * reports precision@5 at 0, 10, 30 and 100 votes for today's upvote ranking (`learn:off`), the learned ranking
 * and an oracle that knows the interest and picks from the same candidates; then digest build time per channel at
 * 100,000 papers with a profile, on Postgres and PGlite.
 */
const TOTAL_PAPERS = 100_000;
const TOP = 5;
const NOISE = 0.1;
/** The share of positive votes that are saves rather than 👍. */
const SAVE_SHARE = 0.3;
const CHECKPOINTS = [0, 10, 30, 100];
/** One digest a day, five votes each: the 100-vote checkpoint is the 21st digest and the one after it. */
const DIGESTS = 22;
const REPEATS = Number(process.env.BENCH_RELEVANCE_REPEATS ?? 2);
const SOURCES = ['hf', 'cs.AI', 'cs.CL', 'cs.CV', 'cs.LG'];
const TIMING_CHANNELS = 20;
/** Channels simulated at once: each has its own votes and deliveries, so the order does not matter. */
const SIMULATED_AT_ONCE = 4;
const TIMING_REPEATS = 5;

interface Interest {
  name: string;
  categories?: string[];
  /** Stemmed words, as the search document has them. */
  words?: string[];
}

/** Hidden interests of the simulated channels: none is what the four big categories or hot words favour. */
const INTERESTS: Interest[] = [
  { name: 'robotics', categories: ['cs.RO'], words: ['robot', 'manipul', 'embodi'] },
  { name: '3d', words: ['3d', 'point', 'reconstruct'] },
  { name: 'video', words: ['video'] },
  { name: 'retrieval', categories: ['cs.IR'], words: ['retriev', 'rag', 'recommend'] },
  { name: 'medical', categories: ['eess.IV'], words: ['medic', 'clinic'] },
  { name: 'efficiency', words: ['quantiz', 'prune', 'distil', 'sparsiti'] },
  { name: 'safety', categories: ['cs.CR'], words: ['safeti', 'jailbreak', 'hallucin'] },
  { name: 'rl', words: ['reinforc', 'reward'] },
  { name: 'diffusion', words: ['diffus'] },
  { name: 'speech', categories: ['eess.AS', 'cs.SD'], words: ['speech', 'audio'] },
  { name: 'graph', words: ['graph'] },
  { name: 'code', categories: ['cs.SE'], words: ['code', 'program'] },
  { name: 'education', categories: ['cs.HC', 'cs.CY'], words: ['educ', 'student'] },
  { name: 'multilingual', words: ['multilingu', 'translat'] },
  { name: 'driving', words: ['drive', 'autonom', 'trajectori'] },
  { name: 'theory', categories: ['stat.ML'], words: ['theorem', 'mathemat', 'proof'] },
  { name: 'agents', words: ['agent'] },
  { name: 'remote sensing', categories: ['cs.GR'], words: ['render', 'remot', 'satellit'] },
];

/** The hidden truth: one of the categories, or a word in the title or keywords, or twice in the abstract. */
function relevantTo(interest: Interest, document: PaperDocument): boolean {
  if (interest.categories?.some((category) => document.categories.includes(category))) return true;
  const { title, keywords, abstract } = document.words;
  return (
    interest.words?.some(
      (word) => (title.get(word) ?? 0) + (keywords.get(word) ?? 0) > 0 || (abstract.get(word) ?? 0) >= 2,
    ) ?? false
  );
}

/** The ranking variants compared: upvotes (`learn:off`), learned ones, and the oracle. */
interface Method {
  name: string;
  kind: 'upvotes' | 'learned' | 'oracle';
  ranking?: RankingOptions;
}

const METHODS: Method[] = [
  { name: 'upvote-only (today)', kind: 'upvotes' },
  { name: 'learned (kNN k=10, popularity 1: chosen)', kind: 'learned', ranking: DEFAULT_RANKING },
  { name: 'oracle', kind: 'oracle' },
];
/**
 * BENCH_RELEVANCE_VARIANTS=1 adds the methods tried and rejected (see the README); BENCH_RELEVANCE_EVAL=0 skips
 * the precision runs (only the build time), BENCH_RELEVANCE_PGLITE=0 the embedded database.
 */
const VARIANTS: Method[] = [
  { name: 'learned, centroid', kind: 'learned', ranking: { ...DEFAULT_RANKING, method: 'centroid' } },
  { name: 'learned, logistic model', kind: 'learned', ranking: { ...DEFAULT_RANKING, method: 'linear' } },
  { name: 'learned, kNN k=1', kind: 'learned', ranking: { ...DEFAULT_RANKING, neighbours: 1 } },
  { name: 'learned, kNN k=3', kind: 'learned', ranking: { ...DEFAULT_RANKING, neighbours: 3 } },
  { name: 'learned, kNN k=20', kind: 'learned', ranking: { ...DEFAULT_RANKING, neighbours: 20 } },
  { name: 'learned, no popularity', kind: 'learned', ranking: { ...DEFAULT_RANKING, popularity: 0 } },
  { name: 'learned, popularity 0.5', kind: 'learned', ranking: { ...DEFAULT_RANKING, popularity: 0.5 } },
  { name: 'learned, popularity 2', kind: 'learned', ranking: { ...DEFAULT_RANKING, popularity: 2 } },
];

export async function benchRelevance(
  postgresUrl: string | undefined,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  if (!corpusPath) {
    log(
      'relevance: skipped, ../shared/corpus/papers.jsonl.gz is absent (the evaluation needs the real-text corpus)',
    );
    return [];
  }
  log(`relevance: reading ${corpusPath}`);
  const corpus = await corpusPapers(corpusPath);
  const papers = [...corpus, ...fillerPapers(Math.max(0, TOTAL_PAPERS - corpus.length))];
  const rows: BenchRow[] = [];

  const backends: { name: string; open: () => Promise<DatabaseHandle>; cleanup?: () => void }[] = [];
  if (postgresUrl) backends.push({ name: 'postgres', open: () => openFreshPostgres(postgresUrl) });
  else log('relevance: Postgres rows skipped: set BENCH_DATABASE_URL or DATABASE_URL');
  if (process.env.BENCH_RELEVANCE_PGLITE !== '0') {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-relevance-'));
    backends.push({
      name: 'pglite',
      open: () => openDatabase({ dataDir: pgliteDirectory(dir) }),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    });
  }

  for (const [position, backend] of backends.entries()) {
    const handle = await backend.open();
    try {
      const { ms } = await timed(() => load(handle, papers));
      log(`relevance: ${backend.name}: stored ${papers.length} papers in ${(ms / 1000).toFixed(1)} s`);
      const days = await dailyDays(handle);
      // Precision is measured once, on the first backend (the store tests show both give the same digests).
      if (position === 0 && process.env.BENCH_RELEVANCE_EVAL !== '0')
        rows.push(...(await evaluate(backend.name, handle, days, log)));
      rows.push(await buildTime(backend.name, handle, days, log));
    } finally {
      await handle.close();
      backend.cleanup?.();
    }
  }
  return rows;
}

async function load(
  handle: DatabaseHandle,
  papers: Parameters<ReturnType<typeof createPaperStore>['upsertPapers']>[0],
) {
  const store = createPaperStore(handle.db);
  for (let start = 0; start < papers.length; start += 1000)
    await store.upsertPapers(papers.slice(start, start + 1000));
  await handle.db.execute(sql`analyze papers`);
}

/** The corpus's Daily-Papers days with at least 20 papers, oldest first. */
async function dailyDays(handle: DatabaseHandle): Promise<string[]> {
  const result = await handle.db.execute(
    sql`select daily_date::text as day from papers where daily_date >= '2025-06-01' group by daily_date having count(*) >= 20 order by daily_date`,
  );
  const list = Array.isArray(result) ? result : ((result as { rows: unknown[] }).rows ?? []);
  return (list as { day: string }[]).map((row) => row.day);
}

/** Noon UTC the day after: the Daily-Papers day `day` is complete, the next one is not. */
const digestTime = (day: string): Date => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000);

interface Simulated {
  ref: ChannelRef;
  method: Method;
  interest: Interest;
  start: number;
  random: () => number;
  votes: number;
}

async function evaluate(
  backend: string,
  handle: DatabaseHandle,
  days: string[],
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { db } = handle;
  const methods = process.env.BENCH_RELEVANCE_VARIANTS === '1' ? [...METHODS, ...VARIANTS] : METHODS;
  const channels = createChannelStore(db);
  const feedback = createFeedbackStore(db);
  const digestPapers = createDigestPapers(db);
  const subscriptions = createSubscriptionStore(db);
  const simulated: Simulated[] = [];
  const span = Math.max(1, days.length - DIGESTS);
  for (const [index, interest] of INTERESTS.entries()) {
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const start = ((index * REPEATS + repeat) * 7919) % span;
      for (const [number, method] of methods.entries()) {
        const ref: ChannelRef = {
          platform: 'slack',
          workspaceId: `M${number}`,
          channelId: `C${index}R${repeat}`,
        };
        await channels.ensure(ref);
        await channels.updateSettings(ref, {
          ...DEFAULT_SETTINGS,
          top: TOP,
          sources: SOURCES,
          learn: method.kind === 'learned',
        });
        // The same seed for every method: the same noise on the same kind of vote.
        simulated.push({
          ref,
          method,
          interest,
          start,
          random: seededRandom(1000 + index * 31 + repeat),
          votes: 0,
        });
      }
    }
  }
  log(
    `relevance: ${simulated.length / methods.length} channels x ${methods.length} methods x ${DIGESTS} days`,
  );

  const precision = new Map<string, Map<number, number[]>>();
  const learnedBuild: number[] = [];
  const started = performance.now();
  for (let step = 0; step < DIGESTS; step += 1) {
    await inParallel(simulated, SIMULATED_AT_ONCE, async (channel) => {
      const day = days[channel.start + step];
      if (!day) return;
      const at = digestTime(day);
      const settings = (await channels.get(channel.ref)) as Channel;
      let chosen: Paper[];
      if (channel.method.kind === 'oracle') {
        const candidates = await digestPapers.candidates({
          channel: channel.ref,
          day,
          categories: SOURCES.filter((source) => source !== 'hf'),
          from: new Date(at.getTime() - CANDIDATE_DAYS * 86_400_000),
          to: at,
          minUpvotes: 0,
          terms: [],
          limit: MAX_CANDIDATES,
        });
        const best = candidates
          .map(({ document }) => ({ document, relevant: relevantTo(channel.interest, document) }))
          .sort(
            (a, b) =>
              Number(b.relevant) - Number(a.relevant) ||
              (b.document.upvotes ?? 0) - (a.document.upvotes ?? 0) ||
              a.document.id.localeCompare(b.document.id),
          )
          .slice(0, TOP);
        chosen = await digestPapers.papers(best.map(({ document }) => document.id));
      } else {
        const dependencies: DigestDependencies = {
          papers: digestPapers,
          subscriptions,
          feedback,
          ...(channel.method.ranking ? { ranking: channel.method.ranking } : {}),
        };
        const { ms, value: digest } = await timed(() => buildDigest(dependencies, settings, at));
        if (channel.method.kind === 'learned' && digest.learnedFrom !== undefined) learnedBuild.push(ms);
        chosen = digest.items.map((item) => item.paper);
      }
      const documents = new Map(
        (await digestPapers.documents(chosen.map((paper) => paper.id))).map((document) => [
          document.id,
          document,
        ]),
      );
      const truth = chosen.map((paper) => {
        const document = documents.get(paper.id);
        return document ? relevantTo(channel.interest, document) : false;
      });
      const hits = truth.filter(Boolean).length;
      const checkpoint = CHECKPOINTS.find(
        (votes) => votes === channel.votes || (votes > 0 && votes + TOP === channel.votes),
      );
      if (checkpoint !== undefined) {
        const byMethod = precision.get(channel.method.name) ?? new Map<number, number[]>();
        precision.set(channel.method.name, byMethod);
        byMethod.set(checkpoint, [...(byMethod.get(checkpoint) ?? []), hits / TOP]);
      }
      await digestPapers.markDelivered(
        channel.ref,
        chosen.map((paper) => ({ paperId: paper.id, matchedTerm: null })),
        at,
      );
      for (const [index, paper] of chosen.entries()) {
        const liked = (truth[index] ?? false) !== channel.random() < NOISE;
        const kind: FeedbackKind = liked
          ? channel.random() < SAVE_SHARE
            ? 'save'
            : 'relevant'
          : 'notRelevant';
        await feedback.click({ channel: channel.ref, paperId: paper.id, userId: 'U1', kind }, at);
        channel.votes += 1;
      }
    });
    log(`relevance: day ${step + 1}/${DIGESTS} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }

  const mean = (values: number[] | undefined) =>
    values && values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
  const at = (name: string, votes: number) => mean(precision.get(name)?.get(votes));
  const upvotes = METHODS[0]?.name ?? '';
  const learned = METHODS[1]?.name ?? '';
  const channelsPerMethod = simulated.length / methods.length;
  const rows: BenchRow[] = methods.map((method) => {
    const figures = CHECKPOINTS.map((votes) => `${votes}: ${at(method.name, votes).toFixed(2)}`).join(', ');
    const isChosen = method.name === learned;
    const ratio = at(learned, 30) / at(upvotes, 30);
    return {
      scenario: 'relevance precision@5',
      backend,
      inputs: `${method.name}; ${channelsPerMethod} channels, ${DIGESTS} daily digests, ${NOISE * 100}% noisy votes`,
      figure: isChosen ? `${figures} (${ratio.toFixed(1)}x upvote-only at 30)` : figures,
      target: isChosen ? '>= 3x upvote-only at 30 votes, >= it at 0' : 'report',
      met: isChosen ? ratio >= 3 && at(learned, 0) >= at(upvotes, 0) : null,
      details: Object.fromEntries(CHECKPOINTS.map((votes) => [votes, at(method.name, votes)])),
    };
  });
  for (const row of rows) log(`relevance: ${row.inputs.split(';')[0]}: ${row.figure}`);
  rows.push({
    scenario: 'relevance digest build',
    backend,
    inputs: `during the evaluation: learning channels, ${TOTAL_PAPERS} papers, 5-110 votes`,
    figure: `p50 ${percentile(learnedBuild, 50).toFixed(1)} ms, p99 ${percentile(learnedBuild, 99).toFixed(1)} ms`,
    target: 'report',
    met: null,
    details: { builds: learnedBuild.length },
  });
  return rows;
}

/**
 * Digest build time per channel with a profile: channels that voted on 100 papers of the month before (60% of
 * them on their interest), each digest built `TIMING_REPEATS` times without being delivered.
 */
async function buildTime(
  backend: string,
  handle: DatabaseHandle,
  days: string[],
  log: (line: string) => void,
): Promise<BenchRow> {
  const { db } = handle;
  const channels = createChannelStore(db);
  const feedback = createFeedbackStore(db);
  const digestPapers = createDigestPapers(db);
  const dependencies: DigestDependencies = {
    papers: digestPapers,
    subscriptions: createSubscriptionStore(db),
    feedback,
  };
  const day = days.at(-5) ?? days.at(-1) ?? '2026-06-12';
  const at = digestTime(day);
  const earlier = await digestPapers.candidates({
    channel: { platform: 'slack', workspaceId: 'timing', channelId: 'none' },
    day: null,
    categories: SOURCES.filter((source) => source !== 'hf'),
    from: new Date(at.getTime() - 35 * 86_400_000),
    to: new Date(at.getTime() - 5 * 86_400_000),
    minUpvotes: 0,
    terms: [],
    limit: 5000,
  });
  const random = seededRandom(5);
  const times: number[] = [];
  for (let number = 0; number < TIMING_CHANNELS; number += 1) {
    const interest = INTERESTS[number % INTERESTS.length] as Interest;
    const ref: ChannelRef = { platform: 'slack', workspaceId: 'timing', channelId: `T${number}` };
    await channels.ensure(ref);
    const channel = await channels.updateSettings(ref, { ...DEFAULT_SETTINGS, top: TOP, sources: SOURCES });
    const liked = earlier.filter((candidate) => relevantTo(interest, candidate.document));
    const other = earlier.filter((candidate) => !relevantTo(interest, candidate.document));
    const pick = (list: typeof earlier) => list[Math.floor(random() * list.length)];
    for (let vote = 0; vote < 100; vote += 1) {
      const onInterest = vote % 5 < 3;
      const candidate = pick(onInterest ? liked : other) ?? pick(earlier);
      if (!candidate) break;
      const kind: FeedbackKind = onInterest ? (vote % 2 === 0 ? 'save' : 'relevant') : 'notRelevant';
      await feedback.click({ channel: ref, paperId: candidate.document.id, userId: `U${vote}`, kind }, at);
    }
    for (let repeat = 0; repeat < TIMING_REPEATS; repeat += 1) {
      const { ms, value } = await timed(() => buildDigest(dependencies, channel, at));
      if (value.learnedFrom === undefined) throw new Error('the timing channel does not learn');
      if (repeat > 0) times.push(ms);
    }
  }
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  log(`relevance: ${backend}: digest build p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
  return {
    scenario: 'relevance digest build',
    backend,
    inputs: `${TIMING_CHANNELS} channels with 100 votes, ${TOTAL_PAPERS} papers, HF day + 4 categories (${MAX_CANDIDATES} candidates max)`,
    figure: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    target: '< 50 ms per channel (p50)',
    met: p50 < 50,
    details: { p50, p99, samples: times.length },
  };
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
