import { type DatabaseHandle, openDatabase } from '../src/db/database.js';

/** A new, migrated database on the server at `url`, dropped again by `close()`. */
export async function openFreshPostgres(url: string): Promise<DatabaseHandle & { url: string }> {
  const { default: postgres } = await import('postgres');
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `paperboy_bench_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ url: target.toString() });
  return {
    ...handle,
    url: target.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
