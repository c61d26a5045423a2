import { sql } from 'drizzle-orm';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { rowsOf } from '../src/store/rows.js';
import { openBenchStore } from './bench-store.js';
import { ingestBenchStore } from './ingest-bench-store.js';
import type { BenchRow } from './measure.js';
import type { QueryMix } from './query-mix.js';
import { benchSearch, type SearchBenchOptions } from './search-bench.js';

/** Papers of the search-at-scale store (BENCH_SCALE_PAPERS). */
export const SCALE_PAPERS = Number(process.env.BENCH_SCALE_PAPERS ?? 1_000_000);
/**
 * What made the store: bump it when the bench store's papers change, so a kept store is built again. With the
 * paper count it names the database and is checked against the row the build leaves in it.
 */
const STORE_VERSION = 'corpus-v1';

/**
 * Scenario `search` on Postgres at scale: the query mix of `search-bench.ts` on a million papers. Building that
 * store takes minutes, and searching only reads it, so it is kept in a database of its own between runs
 * (`paperboy_bench_search_<papers>`) and built again when its version, its size or the migrations changed, or
 * with BENCH_REBUILD=1.
 */
export async function benchSearchAtScale(
  url: string,
  mix: QueryMix,
  options: SearchBenchOptions,
): Promise<BenchRow[]> {
  const { log } = options;
  const store = await openBenchStore(SCALE_PAPERS);
  const handle = await openStoreDatabase(url, SCALE_PAPERS, log);
  try {
    if (await isBuilt(handle, store.count)) log(`postgres: keeping the ${store.count}-paper search store`);
    else await build(handle, store, log);
    return await benchSearch('postgres', handle, store, mix, options);
  } finally {
    await handle.close();
  }
}

async function openStoreDatabase(url: string, papers: number, log: (line: string) => void) {
  const { default: postgres } = await import('postgres');
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `paperboy_bench_search_${papers}`;
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length > 0 && process.env.BENCH_REBUILD === '1') {
      await admin.unsafe(`drop database ${name} with (force)`);
      log(`postgres: dropped ${name} (BENCH_REBUILD=1)`);
    }
    if (exists.length === 0 || process.env.BENCH_REBUILD === '1')
      await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return openDatabase({ url: target.toString() });
}

async function isBuilt(handle: DatabaseHandle, papers: number): Promise<boolean> {
  await handle.db.execute(
    sql`create table if not exists bench_store (version text not null, papers integer not null, migrations integer not null)`,
  );
  const [row] = rowsOf<{ version: string; papers: number; migrations: number }>(
    await handle.db.execute(sql`select version, papers, migrations from bench_store`),
  );
  return (
    row?.version === STORE_VERSION &&
    row.papers === papers &&
    row.migrations === (await migrationCount(handle))
  );
}

async function migrationCount(handle: DatabaseHandle): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
  );
  return Number(row?.n ?? 0);
}

async function build(
  handle: DatabaseHandle,
  store: Awaited<ReturnType<typeof openBenchStore>>,
  log: (line: string) => void,
) {
  log(`postgres: building the ${store.count}-paper search store (${store.note})`);
  await handle.db.execute(sql`truncate papers cascade`);
  await handle.db.execute(sql`delete from bench_store`);
  await ingestBenchStore(handle, store, {
    batchSize: 1000,
    progressEvery: 100,
    progress: (stored) => log(`postgres: search store ${stored}/${store.count}`),
  });
  await handle.db.execute(sql`vacuum analyze papers`);
  await handle.db.execute(sql`vacuum analyze search_words`);
  await handle.db.execute(
    sql`insert into bench_store (version, papers, migrations) values (${STORE_VERSION}, ${store.count}, ${await migrationCount(handle)})`,
  );
}
