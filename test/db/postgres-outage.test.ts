import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { DatabaseUnavailableError } from '../../src/db/database-errors.js';
import {
  postgresBinaries,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../helpers/throwaway-postgres.js';

const bin = postgresBinaries();

/** Runs `work` and says how long it took and how it ended. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started, error: null };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

describe.skipIf(!bin)('a Postgres outage (skipped without initdb and pg_ctl)', () => {
  let server: ThrowawayPostgres;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    server = await startThrowawayPostgres(bin ?? '');
    handle = await openDatabase({ url: server.url, maxConnections: 4 });
  });
  afterAll(async () => {
    await handle?.close(1000);
    server?.destroy();
  });

  it('fails every query within a second while the server is down, then works again within two of its return', async () => {
    const select = () => handle.db.execute(sql`select 1`);
    expect((await timed(select)).error).toBeNull();
    expect(handle.health.problem()).toBeNull();

    server.stop();
    // Postgres.js's own backoff grew to 20 s and was shared by the pool: later queries waited that long.
    const during: { ms: number; error: unknown }[] = [];
    for (let query = 0; query < 30; query += 1) during.push(await timed(select));
    expect(during.every((outcome) => outcome.error !== null)).toBe(true);
    expect(Math.max(...during.map((outcome) => outcome.ms))).toBeLessThan(1000);
    // Once the first failure showed the server unreachable, the rest fail at once, saying why.
    const last = during.at(-1)?.error as Error;
    const reason = last.cause ?? last;
    expect(reason).toBeInstanceOf(DatabaseUnavailableError);
    expect(String(reason)).toMatch(/unreachable/);
    expect(handle.health.problem()?.reason).toMatch(/ECONNREFUSED|CONNECTION|57P01/);

    let recovered = false;
    handle.health.onRecovered(() => {
      recovered = true;
    });
    server.start();
    const back = performance.now();
    let answered = false;
    while (!answered && performance.now() - back < 5000) {
      answered = (await timed(select)).error === null;
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answered).toBe(true);
    expect(performance.now() - back).toBeLessThan(2000);
    expect(recovered).toBe(true);
    expect(handle.health.problem()).toBeNull();
  });

  it('fails a transaction at once while the server is down', async () => {
    server.stop();
    try {
      await timed(() => handle.db.execute(sql`select 1`));
      const outcome = await timed(() => handle.db.transaction(async (tx) => tx.execute(sql`select 1`)));
      expect(outcome.error).not.toBeNull();
      expect(outcome.ms).toBeLessThan(1000);
    } finally {
      server.start();
    }
  });
});
