import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '../../src/core/concurrency-limit.js';

/** A job that runs until `finish` is called, recording when it started. */
function controllable(started: string[], name: string) {
  let finish: (value: string) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const job = () =>
    new Promise<string>((resolve, reject) => {
      started.push(name);
      finish = resolve;
      fail = reject;
    });
  return { job, finish: () => finish(name), fail: (error: Error) => fail(error) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it('runs at most max jobs at once and starts the others in arrival order as slots free up', async () => {
    const limit = concurrencyLimit(2);
    const started: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((name) => controllable(started, name));
    const results = jobs.map((job) => limit(job.job));
    await settle();
    expect(started).toEqual(['a', 'b']);
    jobs[1]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    jobs[0]?.finish();
    jobs[2]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    jobs[3]?.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('frees the slot of a job that fails, and passes its error on', async () => {
    const limit = concurrencyLimit(1);
    const started: string[] = [];
    const first = controllable(started, 'first');
    const second = controllable(started, 'second');
    const failed = limit(first.job);
    const next = limit(second.job);
    await settle();
    first.fail(new Error('boom'));
    await expect(failed).rejects.toThrow('boom');
    await settle();
    expect(started).toEqual(['first', 'second']);
    second.finish();
    expect(await next).toBe('second');
    expect(await limit(async () => 'free again')).toBe('free again');
  });

  it('says it is busy while every slot is taken', async () => {
    const limit = concurrencyLimit(1);
    const started: string[] = [];
    const job = controllable(started, 'only');
    expect(limit.busy()).toBe(false);
    const running = limit(job.job);
    expect(limit.busy()).toBe(true);
    job.finish();
    await running;
    expect(limit.busy()).toBe(false);
  });
});
