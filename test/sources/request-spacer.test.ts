import { describe, expect, it } from 'vitest';
import { createRequestSpacer } from '../../src/sources/request-spacer.js';

/** A clock that only moves when told to, and a sleep that moves it. */
const fakeTime = (start = 1_000_000) => {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
};

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createRequestSpacer', () => {
  it('does not wait before the first task', async () => {
    const time = fakeTime();
    const spacer = createRequestSpacer({ minIntervalMs: 3000, now: time.now, sleep: time.sleep });
    expect(await spacer.run(async () => 'done')).toBe('done');
    expect(time.sleeps).toEqual([]);
  });

  it('starts the next task minIntervalMs after the previous one started', async () => {
    const time = fakeTime();
    const spacer = createRequestSpacer({ minIntervalMs: 3000, now: time.now, sleep: time.sleep });
    const starts: number[] = [];
    const task = (tookMs: number) => async () => {
      starts.push(time.now());
      time.advance(tookMs);
    };
    await spacer.run(task(400));
    await spacer.run(task(5000)); // slower than the interval: the next one need not wait
    await spacer.run(task(0));
    expect(time.sleeps).toEqual([2600]);
    expect(starts).toEqual([1_000_000, 1_003_000, 1_008_000]);
  });

  it('runs one task at a time, in call order, even when called concurrently', async () => {
    const time = fakeTime();
    const spacer = createRequestSpacer({ minIntervalMs: 100, now: time.now, sleep: time.sleep });
    const events: string[] = [];
    const gate = deferred();
    const first = spacer.run(async () => {
      events.push('first start');
      await gate.promise;
      events.push('first end');
    });
    const second = spacer.run(async () => {
      events.push('second start');
    });
    await new Promise((resolve) => setImmediate(resolve)); // let every pending microtask run
    expect(events).toEqual(['first start']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(events).toEqual(['first start', 'first end', 'second start']);
    expect(time.sleeps).toEqual([100]);
  });

  it('keeps going after a task fails, and passes the failure to its caller', async () => {
    const time = fakeTime();
    const spacer = createRequestSpacer({ minIntervalMs: 3000, now: time.now, sleep: time.sleep });
    await expect(spacer.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(spacer.run(async () => 'after')).resolves.toBe('after');
    expect(time.sleeps).toEqual([3000]);
  });
});
