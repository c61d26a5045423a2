import { describe, expect, it } from 'vitest';
import { startWorkPool } from '../../src/scheduler/work-pool.js';
import { capturingLogger, gate } from './scheduler-fixtures.js';

describe('startWorkPool', () => {
  it('takes no more than its free slots, logs a failing item and gives its slot to the next', async () => {
    const queue = ['fails', 'a', 'b', 'c'];
    const limits: number[] = [];
    const done: string[] = [];
    const { logger, lines } = capturingLogger();
    const { opened: allDone, open: finished } = gate();
    const pool = startWorkPool<string>({
      concurrency: 2,
      pollMs: 5,
      take: async (limit) => {
        limits.push(limit);
        return queue.splice(0, limit);
      },
      run: async (item) => {
        if (item === 'fails') throw new Error('boom');
        done.push(item);
        if (done.length === 3) finished();
      },
      log: logger,
    });
    await allDone;
    await pool.stop(1000);
    expect(done.sort()).toEqual(['a', 'b', 'c']);
    expect(Math.max(...limits)).toBeLessThanOrEqual(2);
    expect(lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual([
      'work failed',
    ]);
  });

  it('stops taking on stop and waits for the items in work', async () => {
    const { opened: held, open: release } = gate();
    const events: string[] = [];
    let takes = 0;
    const pool = startWorkPool<string>({
      concurrency: 1,
      pollMs: 5,
      take: async () => (takes++ === 0 ? ['slow'] : []),
      run: async () => {
        await held;
        events.push('finished');
      },
      log: capturingLogger().logger,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = pool.stop(5000).then(() => events.push('stopped'));
    release();
    await stopped;
    const takesAtStop = takes;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual(['finished', 'stopped']);
    expect(takes).toBe(takesAtStop);
  });
});

describe('startWorkPool wake-ups', () => {
  const FAR = 60_000;

  it('takes at once when woken, without waiting for its poll', async () => {
    const queue: string[] = [];
    const { opened: ran, open: done } = gate();
    const pool = startWorkPool<string>({
      concurrency: 2,
      pollMs: FAR,
      take: async (limit) => queue.splice(0, limit),
      run: async () => done(),
      log: capturingLogger().logger,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    queue.push('new');
    const woken = performance.now();
    pool.wake();
    await ran;
    expect(performance.now() - woken).toBeLessThan(1000);
    await pool.stop(1000);
  });

  it('answers wake-ups and finished items that come together with one take', async () => {
    const queue: string[] = [];
    let takes = 0;
    const { opened: ran, open: done } = gate();
    const finished: string[] = [];
    const pool = startWorkPool<string>({
      concurrency: 10,
      pollMs: FAR,
      take: async (limit) => {
        takes += 1;
        return queue.splice(0, limit);
      },
      run: async (item) => {
        finished.push(item);
        if (finished.length === 5) done();
      },
      log: capturingLogger().logger,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = takes;
    queue.push('a', 'b', 'c', 'd', 'e');
    for (let wakes = 0; wakes < 5; wakes += 1) pool.wake();
    await ran;
    await new Promise((resolve) => setTimeout(resolve, 60));
    // One take for the five wake-ups, one for the five items finishing together.
    expect(takes - before).toBe(2);
    await pool.stop(1000);
  });

  it('takes again when the next item comes due, long before its poll', async () => {
    const dueAt = Date.now() + 150;
    const { opened: ran, open: done } = gate();
    let handed = false;
    const pool = startWorkPool<string>({
      concurrency: 1,
      pollMs: FAR,
      take: async () => {
        if (handed || Date.now() < dueAt) return [];
        handed = true;
        return ['retry'];
      },
      nextDueIn: async () => (handed ? null : dueAt - Date.now()),
      run: async () => done(),
      log: capturingLogger().logger,
    });
    await ran;
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    await pool.stop(1000);
  });

  it('while busy asks for the next due time once per interval, and still takes the item when due', async () => {
    const dueAt = Date.now() + 300;
    const { opened: held, open: release } = gate();
    const { opened: retried, open: done } = gate();
    const queue = ['slow'];
    let asks = 0;
    let handed = false;
    const pool = startWorkPool<string>({
      concurrency: 10,
      pollMs: FAR,
      askDueEveryMs: FAR,
      take: async (limit) => {
        if (!handed && Date.now() >= dueAt) {
          handed = true;
          queue.push('retry');
        }
        return queue.splice(0, limit);
      },
      nextDueIn: async () => {
        asks += 1;
        return handed ? null : dueAt - Date.now();
      },
      run: async (item) => {
        if (item === 'slow') await held;
        if (item === 'retry') done();
      },
      log: capturingLogger().logger,
    });
    // Items arrive and finish while the slow one holds its slot: each round takes, none asks again.
    for (let round = 0; round < 5; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      queue.push(`quick ${round}`);
      pool.wake();
    }
    await retried;
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(asks).toBe(1);
    release();
    await pool.stop(1000);
  });

  it('tries a failing take again soon, says so once, and says when it works again', async () => {
    let calls = 0;
    const { opened: ran, open: done } = gate();
    const { logger, lines } = capturingLogger();
    const pool = startWorkPool<string>({
      concurrency: 1,
      pollMs: FAR,
      retryMs: 20,
      take: async () => {
        calls += 1;
        if (calls <= 3) throw new Error('the database is unreachable');
        return calls === 4 ? ['after'] : [];
      },
      run: async () => done(),
      log: logger,
    });
    await ran;
    await pool.stop(1000);
    expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual([
      'error taking work failed; trying again',
      'info taking work works again',
    ]);
  });

  it('stops within its timeout even while a take never answers', async () => {
    const pool = startWorkPool<string>({
      concurrency: 1,
      pollMs: FAR,
      take: () => new Promise<string[]>(() => {}),
      run: async () => {},
      log: capturingLogger().logger,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopping = performance.now();
    expect(await pool.stop(100)).toBe(true);
    expect(performance.now() - stopping).toBeLessThan(1000);
  });
});
