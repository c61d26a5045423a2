/**
 * What shutdown may take after SHUTDOWN_TIMEOUT, in all: leases released, adapters disconnected, the database
 * closed. The process exits within SHUTDOWN_TIMEOUT plus this (and `main.ts` ends it at SHUTDOWN_TIMEOUT plus a
 * second whatever happens).
 */
export const SHUTDOWN_GRACE_MS = 900;

/** The shortest wait any step of shutdown gets, even when the budget is spent (a close that is quick anyway). */
const MIN_STEP_MS = 50;

/** The time left for shutdown that began at `since` (the signal), with SHUTDOWN_TIMEOUT `timeoutMs`. */
export function shutdownBudget(timeoutMs: number, since: number) {
  const end = since + timeoutMs + SHUTDOWN_GRACE_MS;
  return {
    /** Milliseconds left, at least a short step. */
    left: (): number => Math.max(MIN_STEP_MS, end - Date.now()),
    /** Milliseconds until SHUTDOWN_TIMEOUT is over (0 once it is). */
    untilTimeout: (): number => Math.max(0, since + timeoutMs - Date.now()),
  };
}
