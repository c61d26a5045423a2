import postgres from 'postgres';

/**
 * Holds the rows `query` selects `for update`, in a transaction of its own on the database at `url`, until
 * `release()`. Statements that need those rows wait meanwhile, having taken their snapshots: so requests made
 * while the rows are held reach Postgres "at the same moment" however the event loop schedules them, and a
 * test can see (`waiting()`) that all of them are there before letting go.
 *
 * @example
 * const held = await holdRows(url, 'select 1 from paper_feedback where user_id = $1 for update', ['U1']);
 * const clicks = [click(a), click(b)];
 * await expect.poll(() => held.waiting()).toBe(2);
 * await held.release();
 */
export async function holdRows(url: string, query: string, parameters: string[] = []) {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked: () => void = () => {};
  const holding = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = sql.begin(async (tx) => {
    await tx.unsafe(query, parameters);
    locked();
    await released;
  });
  await Promise.race([holding, done]);
  return {
    /** How many statements on this database are waiting for a lock now. */
    async waiting(): Promise<number> {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      return row?.n ?? 0;
    },
    /** Ends the transaction (changing nothing) and closes the connections. */
    async release(): Promise<void> {
      release();
      await done;
      await sql.end({ timeout: 5 });
    },
  };
}
