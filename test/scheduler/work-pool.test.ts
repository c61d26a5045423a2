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
