import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase, pgliteDirectory } from '../src/db/database.js';
import { type BenchStore, openBenchStore } from './bench-store.js';
import { benchCommands } from './command-latency.js';
import { benchFanOut } from './fan-out.js';
import { benchFanOutWithTldrs } from './fan-out-tldrs.js';
import { benchFirstPost } from './first-post.js';
import { openFreshPostgres } from './fresh-postgres.js';
import { ingestBenchStore } from './ingest-bench-store.js';
import { type BenchRow, printTable, timed } from './measure.js';
import { buildQueryMix } from './query-mix.js';
import { writeReadmeResults } from './readme-performance.js';
import { benchRelevance } from './relevance.js';
import { benchScheduleTick } from './schedule-tick.js';
import { benchSearchAtScale } from './search-at-scale.js';
import { benchSearch } from './search-bench.js';
import { benchStartup } from './startup.js';

/**
 * `npm run bench [-- scenario...]`: start-up time and idle memory of the built service, then ingest, search and
 * slash-command latency (Slack and Discord) on the bench store (`bench-store.ts`: the real-text corpus of
 * ../shared, recombined past its size), on PGlite and (when BENCH_DATABASE_URL or DATABASE_URL is set) on
 * Postgres. Prints a table and writes bench/results.json.
 */
const PAPER_COUNT = Number(process.env.BENCH_PAPERS ?? 100_000);
const IMPORT_BATCH = 1000;
const SEARCH_REPEATS = Number(process.env.BENCH_SEARCH_REPEATS ?? 10);
/** Searches per query shape in the mix (BENCH_SEARCH_MIX_RUNS). */
const MIX_RUNS = Number(process.env.BENCH_SEARCH_MIX_RUNS ?? 100);
const NAIVE_PER_SHAPE = Number(process.env.BENCH_SEARCH_NAIVE ?? 2);
/** A naive scan of a million papers takes about 7 s: one per shape says enough and keeps the full run under 30 min. */
const NAIVE_PER_SHAPE_AT_SCALE = Number(process.env.BENCH_SEARCH_NAIVE_AT_SCALE ?? 1);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
const SCENARIOS = [
  'startup',
  'ingest',
  'search',
  'commands',
  'fan-out',
  'fan-out-profiles',
  'fan-out-tldrs',
  'first-post',
  'relevance',
  'schedules',
];
/**
 * Scenarios to run: `npm run bench -- search commands` or BENCH_ONLY=first-post,fan-out (both add up); none
 * named runs them all.
 */
const only = new Set(
  [...(process.env.BENCH_ONLY ?? '').split(','), ...process.argv.slice(2)].filter(Boolean),
);
const unknown = [...only].filter((scenario) => !SCENARIOS.includes(scenario));
if (unknown.length > 0) {
  process.stderr.write(`unknown scenario ${unknown.join(', ')}: choose from ${SCENARIOS.join(', ')}\n`);
  process.exit(2);
}
const runs = (scenario: string) => only.size === 0 || only.has(scenario);

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
    ((runs('fan-out') || runs('fan-out-profiles') || runs('fan-out-tldrs')) && backend === 'postgres');
  const anyPapers = needsPapers(postgresUrl ? 'postgres' : 'pglite') || needsPapers('pglite');
  const store = anyPapers ? await openBenchStore(PAPER_COUNT) : undefined;
  if (store) log(store.note);
  const mix = store && runs('search') ? buildQueryMix(store.texts, MIX_RUNS) : undefined;
  if (mix)
    log(
      `query mix: ${mix.runs.length} searches over ${mix.candidates.size} shapes` +
        (mix.missing.length > 0 ? ` (the text has nothing for ${mix.missing.join(', ')})` : ''),
    );
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
        if (store && needsPapers(backend.name)) rows.push(await benchIngest(backend.name, handle, store));
        if (store && mix && runs('search'))
          rows.push(
            ...(await benchSearch(backend.name, handle, store, mix, {
              repeats: SEARCH_REPEATS,
              naivePerShape: NAIVE_PER_SHAPE,
              log,
            })),
          );
        if (runs('schedules')) rows.push(...(await benchScheduleTick(backend.name, handle, log)));
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
        if (runs('fan-out-tldrs')) rows.push(...(await benchFanOutWithTldrs(backend.name, shared, log)));
        if (runs('first-post')) rows.push(...(await benchFirstPost(backend.name, shared, log)));
        await handle.close();
      } else
        log(
          `${backend.name}: digest fan-out and first post run on Postgres only (they need a database a second process can open)`,
        );
    }
    // Search at a million papers, on a store kept between runs (building it takes minutes).
    if (postgresUrl && mix && runs('search'))
      rows.push(
        ...(await benchSearchAtScale(postgresUrl, mix, {
          repeats: SEARCH_REPEATS,
          naivePerShape: NAIVE_PER_SHAPE_AT_SCALE,
          log,
        })),
      );
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }

  printTable(rows);
  const previous = previousRows();
  const merged = withPrevious(only.size === 0 ? rows : mergeRows(previous, rows), previous);
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
  writeReadmeResults(results, log);
  log(
    `machine: ${results.machine.cpus} CPUs (${results.machine.cpuModel}), node ${process.version}; wrote bench/results.json`,
  );
}

async function benchIngest(backend: string, handle: DatabaseHandle, store: BenchStore) {
  const { ms } = await timed(() =>
    ingestBenchStore(handle, store, {
      batchSize: IMPORT_BATCH,
      progressEvery: 20,
      progress: (stored) => log(`${backend}: ingested ${stored}`),
    }),
  );
  const perSecond = Math.round(store.count / (ms / 1000));
  const made =
    store.method === 'corpus'
      ? `${store.real} real + ${store.generated} recombined`
      : 'single-word synthetic';
  return {
    scenario: 'ingest',
    backend,
    inputs: `${store.count} papers (${made}) through the import path, ${IMPORT_BATCH} per transaction`,
    figure: `${perSecond} papers/s (${(ms / 1000).toFixed(1)} s)`,
    target: backend === 'postgres' ? '>= 5000 papers/s' : 'report',
    met: backend === 'postgres' ? perSecond >= 5000 : null,
    details: { papersPerSecond: perSecond, ms, store: store.method },
  } satisfies BenchRow;
}

/**
 * A partial run's rows in the last results: each replaces its own row in place; the rows of a scenario it ran on a
 * backend that it no longer produces (older inputs) go, its new rows taking the place of the first of them; the
 * rows of scenarios it did not run stay.
 */
function mergeRows(previous: BenchRow[], fresh: BenchRow[]): BenchRow[] {
  const merged: BenchRow[] = [];
  const placed = new Set<BenchRow>();
  const place = (row: BenchRow) => {
    if (placed.has(row)) return;
    placed.add(row);
    merged.push(row);
  };
  const sameRun = (a: BenchRow, b: BenchRow) => a.scenario === b.scenario && a.backend === b.backend;
  for (const row of previous) {
    const same = fresh.find((candidate) => sameRow(row, candidate));
    if (same) place(same);
    else if (!fresh.some((candidate) => sameRun(row, candidate))) merged.push(row);
    else
      for (const candidate of fresh)
        if (sameRun(row, candidate) && !previous.some((kept) => sameRow(kept, candidate))) place(candidate);
  }
  for (const row of fresh) place(row);
  return merged;
}

/** Each fresh row with the figure of the same row in the previous results beside it (a kept row keeps its own). */
function withPrevious(rows: BenchRow[], previous: BenchRow[]): (BenchRow & { previous?: string })[] {
  return rows.map((row) => {
    const before = previous.find((candidate) => sameRow(candidate, row));
    if (!before || before === row || before.figure === row.figure) return row;
    return { ...row, previous: before.figure };
  });
}

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
