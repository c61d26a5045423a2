import { defaultSleep } from './sleep.js';

/**
 * Runs tasks one at a time, starting each at least `minIntervalMs` after the previous one started. arXiv's terms
 * ask for one request every 3 seconds over a single connection.
 *
 * @example
 * const spacer = createRequestSpacer({ minIntervalMs: 3000 });
 * const page = await spacer.run(() => http.getText(url));
 */
export interface RequestSpacer {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export interface RequestSpacerOptions {
  minIntervalMs: number;
  /** Milliseconds clock; `Date.now` unless a test drives it. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const createRequestSpacer = (options: RequestSpacerOptions): RequestSpacer => {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  let lastStart: number | undefined;
  /** Settles when the task in front of the queue has finished, whatever its outcome. */
  let queue: Promise<unknown> = Promise.resolve();

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const turn = queue.then(async () => {
        const waitMs = lastStart === undefined ? 0 : lastStart + options.minIntervalMs - now();
        if (waitMs > 0) await sleep(waitMs);
        lastStart = now();
        return task();
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
};
