/**
 * Whether the model answered its last call, as this replica saw it (a spent daily budget counts as a failure, as
 * nothing is written until the next day): a digest waits a moment for a TL;DR only from a model that is
 * answering, so a model that is down never slows a digest down.
 *
 * @example
 * const health = createModelHealth();
 * health.failed();
 * health.ready(); // false until a call succeeds again
 */
export interface ModelHealth {
  succeeded(): void;
  failed(): void;
  ready(): boolean;
}

export function createModelHealth(): ModelHealth {
  let failing = false;
  return {
    succeeded: () => {
      failing = false;
    },
    failed: () => {
      failing = true;
    },
    ready: () => !failing,
  };
}
