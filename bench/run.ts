import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { silentLogger } from '../src/core/logger.js';
import { type DatabaseHandle, openDatabase, pgliteDirectory } from '../src/db/database.js';
import { papers } from '../src/db/schema.js';
import { runIngest } from '../src/ingest/run-ingest.js';
import { createIngestRunStore } from '../src/store/ingest-run-store.js';
import { createPaperStore } from '../src/store/paper-store.js';
import { createPaperSearch } from '../src/store/search-papers.js';
import { benchCommands } from './command-latency.js';
import { benchFanOut } from './fan-out.js';
import { benchFirstPost } from './first-post.js';
import { openFreshPostgres } from './fresh-postgres.js';
import { type BenchRow, percentile, printTable, timed } from './measure.js';
import { benchRelevance } from './relevance.js';
import { benchStartup } from './startup.js';
import { syntheticPapers, vocabularySource, vocabularySurname } from './synthetic-papers.js';

/**
 * `npm run bench`: start-up time and idle memory of the built service, then ingest, search and slash-command
 * latency (Slack and Discord) on a generated store, on PGlite and (when BENCH_DATABASE_URL or DATABASE_URL is
 * set) on Postgres. Prints a table and writes bench/results.json.
 */
const PAPER_COUNT = Number(process.env.BENCH_PAPERS ?? 100_000);
const IMPORT_BATCH = 1000;
const SEARCH_REPEATS = Number(process.env.BENCH_SEARCH_REPEATS ?? 10);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
/**
 * BENCH_ONLY=first-post,fan-out runs only those scenarios (startup, ingest, search, commands, fan-out,
 * fan-out-profiles, first-post, relevance).
 */
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const runs = (scenario: string) => only.size === 0 || only.has(scenario);

/** Rare and very common words, phrases and exclusions, and an author's surname, all from the vocabulary. */
const QUERIES = [
  'model',
  'language models',
  'learning',
  'agents',
  'benchmark',
  'reinforcement learning',
  '"large language"',
  '"vision-language"',
  'diffusion',
  'sparse attention',
  'robot manipulation',
  'model -language',
  'agents -benchmark',
  'quantization OR pruning',
  'grokking',
  'EEG',
  'pathology',
  vocabularySurname(),
  'panoramic generation',
  'kronecker',
];

interface Backend {
  name: 'pglite' | 'postgres';
  open: () => Promise<DatabaseHandle>;
  /** How the bot process finds the same database. */
  botDatabase: Record<string, string>;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const rows: BenchRow[] = runs('startup') ? [...(await benchStartup(log, postgresUrl))] : [];
  if (runs('relevance')) rows.push(...(await benchRelevance(postgresUrl, log)));
  const needsPapers = (backend: string) =>
    runs('ingest') ||
    runs('search') ||
    runs('commands') ||
    ((runs('fan-out') || runs('fan-out-profiles')) && backend === 'postgres');
  const anyPapers = needsPapers(postgresUrl ? 'postgres' : 'pglite') || needsPapers('pglite');
  if (anyPapers) log(`generating ${PAPER_COUNT} papers from the vocabulary of ${vocabularySource}`);
  const corpus = anyPapers ? syntheticPapers(PAPER_COUNT) : [];
  const pgliteDir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  const backends: Backend[] = [
    {
      name: 'pglite',
      open: () => openDatabase({ dataDir: pgliteDirectory(pgliteDir) }),
      botDatabase: { PAPERBOY_DATA_DIR: pgliteDir },
    },
  ];
  if (postgresUrl) {
    const handle = await openFreshPostgres(postgresUrl);
    backends.unshift({
      name: 'postgres',
      open: async () => handle,
      botDatabase: { DATABASE_URL: handle.url },
    });
  } else log('Postgres rows skipped: set BENCH_DATABASE_URL or DATABASE_URL');

  try {
    for (const backend of backends) {
      log(`${backend.name}: opening`);
      const handle = await backend.open();
      try {
        if (needsPapers(backend.name)) rows.push(await benchIngest(backend.name, handle, corpus));
        if (runs('search')) rows.push(...(await benchSearch(backend.name, handle)));
      } finally {
        // The bot process opens the database next; an embedded one takes a single process at a time.
        if (backend.name === 'pglite') await handle.close();
      }
      if (runs('commands')) rows.push(...(await benchCommands(backend.name, backend.botDatabase, log)));
      if (backend.botDatabase.DATABASE_URL) {
        const shared = { ...handle, url: backend.botDatabase.DATABASE_URL };
        if (runs('fan-out')) rows.push(...(await benchFanOut(backend.name, shared, log)));
        if (runs('fan-out-profiles'))
          rows.push(...(await benchFanOut(backend.name, shared, log, { profileVotes: 20 })));
        if (runs('first-post')) rows.push(...(await benchFirstPost(backend.name, shared, log)));
        await handle.close();
      } else
        log(
          `${backend.name}: digest fan-out and first post run on Postgres only (they need a database a second process can open)`,
        );
    }
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }

  printTable(rows);
  // A partial run (BENCH_ONLY) replaces its own rows in the last results, in place, and keeps the others.
  const previous = only.size === 0 ? [] : previousRows();
  const merged = [
    ...previous.map((row) => rows.find((fresh) => sameRow(row, fresh)) ?? row),
    ...rows.filter((fresh) => !previous.some((row) => sameRow(row, fresh))),
  ];
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    rows: merged,
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  log(
    `machine: ${results.machine.cpus} CPUs (${results.machine.cpuModel}), node ${process.version}; wrote bench/results.json`,
  );
}

async function benchIngest(
  backend: string,
  handle: DatabaseHandle,
  corpus: ReturnType<typeof syntheticPapers>,
) {
  const pages = Array.from({ length: Math.ceil(corpus.length / IMPORT_BATCH) }, (_, index) => ({
    label: `batch ${index + 1}`,
    batch: { papers: corpus.slice(index * IMPORT_BATCH, (index + 1) * IMPORT_BATCH), skipped: [] },
  }));
  let progressLines = 0;
  const { ms, value: summary } = await timed(() =>
    runIngest({
      source: 'bench',
      params: {},
      pages,
      papers: createPaperStore(handle.db),
      runs: createIngestRunStore(handle.db),
      logger: silentLogger,
      onProgress: () => {
        progressLines += 1;
        if (progressLines % 20 === 0) log(`${backend}: ingested ${progressLines * IMPORT_BATCH}`);
      },
    }),
  );
  if (summary.status !== 'succeeded') throw new Error(`ingest failed: ${summary.error}`);
  const perSecond = Math.round(corpus.length / (ms / 1000));
  return {
    scenario: 'ingest',
    backend,
    inputs: `${corpus.length} papers through the import path, ${IMPORT_BATCH} per transaction`,
    figure: `${perSecond} papers/s (${(ms / 1000).toFixed(1)} s)`,
    target: backend === 'postgres' ? '>= 5000 papers/s' : 'report',
    met: backend === 'postgres' ? perSecond >= 5000 : null,
    details: { papersPerSecond: perSecond, ms },
  } satisfies BenchRow;
}

async function benchSearch(backend: string, handle: DatabaseHandle): Promise<BenchRow[]> {
  const search = createPaperSearch(handle.db);
  await handle.db.execute(sql`analyze papers`);
  const all: number[] = [];
  const naive: number[] = [];
  const perQuery: Record<string, { p50: number; p99: number; total: number }> = {};
  for (const query of QUERIES) {
    await search.search({ query, limit: 10 });
    const times: number[] = [];
    let total = 0;
    for (let repeat = 0; repeat < SEARCH_REPEATS; repeat += 1) {
      const { ms, value } = await timed(() => search.search({ query, limit: 10 }));
      times.push(ms);
      total = value.total;
    }
    all.push(...times);
    perQuery[query] = { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), total };
    const firstWord = query.replace(/["-]/g, ' ').trim().split(/\s+/)[0] ?? query;
    const { ms } = await timed(() =>
      handle.db
        .select({ id: papers.id })
        .from(papers)
        .where(sql`(${papers.title} || ' ' || ${papers.abstract}) ilike ${`%${firstWord}%`}`)
        .orderBy(sql`${papers.upvotes} desc nulls last`, papers.id)
        .limit(10),
    );
    naive.push(ms);
    log(
      `${backend}: "${query}" p50 ${perQuery[query]?.p50} ms, ${total} matches; naive ILIKE ${round(ms)} ms`,
    );
  }
  const p50 = percentile(all, 50);
  const p99 = percentile(all, 99);
  const targetMs = backend === 'postgres' ? 50 : 200;
  return [
    {
      scenario: 'search',
      backend,
      inputs: `${QUERIES.length} queries x ${SEARCH_REPEATS}, limit 10`,
      figure: `p50 ${round(p50)} ms, p99 ${round(p99)} ms; naive ILIKE p50 ${round(percentile(naive, 50))} ms (${round(percentile(naive, 50) / p50)}x)`,
      target: `p99 < ${targetMs} ms`,
      met: p99 < targetMs,
      details: { p50, p99, naiveP50: percentile(naive, 50), perQuery },
    },
  ];
}

const round = (value: number) => Math.round(value * 10) / 10;

const sameRow = (a: BenchRow, b: BenchRow) =>
  a.scenario === b.scenario && a.backend === b.backend && a.inputs === b.inputs;

function previousRows(): BenchRow[] {
  try {
    return (
      JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) as { rows: BenchRow[] }
    ).rows;
  } catch {
    return [];
  }
}

await main();
