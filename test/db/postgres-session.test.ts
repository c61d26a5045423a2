import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/rows.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../helpers/test-database.js';

describe.skipIf(!postgresUrl)('the service’s Postgres sessions (set DATABASE_URL to run)', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase('postgres');
  });
  afterAll(async () => handle?.close());

  it('never compile a query with JIT, however costly the planner thinks it', async () => {
    const [setting] = rowsOf<{ jit: string }>(await handle.db.execute(sql`show jit`));
    expect(setting?.jit).toBe('off');

    // Estimated far above jit_above_cost (100,000): with JIT on, a server that has LLVM compiles it.
    const [explained] = rowsOf<{ 'QUERY PLAN': unknown }>(
      await handle.db.execute(
        sql`explain (format json) select sum(a * b) from generate_series(1, 300000) a, generate_series(1, 100) b`,
      ),
    );
    const plan = explained?.['QUERY PLAN'];
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [Record<string, unknown>];
    expect(parsed[0]?.['Plan']).toBeDefined();
    expect(parsed[0]?.['JIT']).toBeUndefined();
  });
});
