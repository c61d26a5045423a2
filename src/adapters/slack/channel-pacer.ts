/**
 * Spaces posts to one channel at least `intervalMs` apart (Slack allows about one message per second per
 * channel). Each `wait` books the next free moment before sleeping, so concurrent posts to a channel queue up.
 *
 * @example
 * const pacer = createChannelPacer({ intervalMs: 1000 });
 * await pacer.wait('slack:T1:C1'); // at once; a second call waits a second
 */
export function createChannelPacer(options: {
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}) {
  const intervalMs = options.intervalMs ?? 1000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const nextFree = new Map<string, number>();
  return {
    async wait(key: string): Promise<void> {
      const at = now();
      for (const [other, free] of nextFree) if (free < at) nextFree.delete(other);
      const slot = Math.max(at, nextFree.get(key) ?? at);
      nextFree.set(key, slot + intervalMs);
      if (slot > at) await sleep(slot - at);
    },
  };
}

export type ChannelPacer = ReturnType<typeof createChannelPacer>;
