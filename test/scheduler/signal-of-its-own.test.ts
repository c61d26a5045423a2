import { getEventListeners } from 'node:events';
import { expect, it } from 'vitest';
import { withSignalOfItsOwn } from '../../src/scheduler/signal-of-its-own.js';

it('lets go of the parent when the work ends, whatever the work left on its own signal', async () => {
  const parent = new AbortController();
  for (let run = 0; run < 50; run++) {
    await withSignalOfItsOwn(parent.signal, async (signal) => {
      signal.addEventListener('abort', () => {});
      expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    });
  }
  await expect(
    withSignalOfItsOwn(parent.signal, async () => {
      throw new Error('failed');
    }),
  ).rejects.toThrow('failed');
  expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
});

it('aborts the work’s signal, with the parent’s reason, when the parent aborts', async () => {
  const parent = new AbortController();
  const reason = await withSignalOfItsOwn(parent.signal, async (signal) => {
    const aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)));
    parent.abort('shutting down');
    return aborted;
  });
  expect(reason).toBe('shutting down');
});

it('starts the work already aborted when the parent is', async () => {
  const parent = new AbortController();
  parent.abort('gone');
  const seen = await withSignalOfItsOwn(parent.signal, async (signal) => [signal.aborted, signal.reason]);
  expect(seen).toEqual([true, 'gone']);
});
