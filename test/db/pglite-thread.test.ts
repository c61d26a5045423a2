import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/channel.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { channels } from '../../src/db/schema.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://' });
});
afterAll(() => handle.close());

describe('the embedded database thread', () => {
  it('starts Postgres with small shared buffers, and with the settings a caller gives', async () => {
    const shownBuffers = (db: DatabaseHandle['db']) =>
      db.execute(sql`show shared_buffers`).then((result) => (result as unknown as { rows: unknown[] }).rows);
    expect(await shownBuffers(handle.db)).toEqual([{ shared_buffers: '32MB' }]);
    const other = await openDatabase({
      dataDir: 'memory://',
      migrate: false,
      pgliteSettings: { shared_buffers: '64MB' },
    });
    try {
      expect(await shownBuffers(other.db)).toEqual([{ shared_buffers: '64MB' }]);
    } finally {
      await other.close();
    }
  });

  it('leaves the main thread free while a query runs', async () => {
    const events: string[] = [];
    const query = handle.db.execute(sql`select pg_sleep(1.5)`).then(() => events.push('query done'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    events.push('timer fired');
    await query;
    expect(events).toEqual(['timer fired', 'query done']);
  });

  it("keeps Postgres' error fields, so callers can branch on the SQLSTATE code", async () => {
    const failure = await handle.db
      .execute(sql`select * from no_such_table`)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const cause = (failure as Error).cause as { code?: string; message?: string };
    expect(cause.code).toBe('42P01');
    expect(cause.message).toContain('no_such_table');
  });

  it('rolls a failed transaction back, and other queries wait for a transaction to end', async () => {
    const ref = {
      platform: 'console' as const,
      workspaceId: 'w',
      channelId: 'c',
      settings: DEFAULT_SETTINGS,
    };
    const failed = handle.db
      .transaction(async (tx) => {
        await tx.insert(channels).values(ref);
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('changed my mind');
      })
      .catch((error: Error) => error.message);
    const counted = handle.db.select({ n: sql<number>`count(*)::int` }).from(channels);
    expect(await failed).toBe('changed my mind');
    expect((await counted)[0]?.n).toBe(0);
  });

  it('rejects queries after it is closed', async () => {
    const other = await openDatabase({ dataDir: 'memory://', migrate: false });
    await other.close();
    const failure = await other.db.execute(sql`select 1`).catch((error: Error) => error);
    expect((failure as Error).cause).toEqual(new Error('the embedded database is closed'));
  });
});

describe('notifications and closing on the embedded database', () => {
  it('tells listeners of each NOTIFY, one sent in a transaction once it commits', async () => {
    const heard: string[] = [];
    const stop = await handle.listen('paperboy_test_channel', { onNotify: (payload) => heard.push(payload) });
    await handle.db.execute(sql`select pg_notify('paperboy_test_channel', 'first')`);
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('paperboy_test_channel', 'in a transaction')`);
      expect(heard).toEqual(['first']);
    });
    await handle.db.execute(sql`select 1`);
    expect(heard).toEqual(['first', 'in a transaction']);
    await stop();
    await handle.db.execute(sql`select pg_notify('paperboy_test_channel', 'after')`);
    await handle.db.execute(sql`select 1`);
    expect(heard).toEqual(['first', 'in a transaction']);
  });

  it('closes within its timeout even while a query does not end', async () => {
    const stuck = await openDatabase({ dataDir: 'memory://', migrate: false });
    const sleeping = stuck.db.execute(sql`select pg_sleep(60)`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = performance.now();
    await stuck.close(300);
    expect(performance.now() - closing).toBeLessThan(2000);
    expect(await sleeping).toBeInstanceOf(Error);
  });
});
