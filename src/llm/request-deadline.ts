/**
 * The signal one model request runs under: it aborts when the caller's signal does, or when `timeoutMs` pass
 * without `restart()` being called. A whole answer never restarts the clock; a stream restarts it on every
 * chunk, so the timeout is then the longest silence allowed.
 *
 * @example
 * const deadline = startRequestDeadline(30_000, request.signal);
 * try {
 *   const response = await fetch(url, { signal: deadline.signal });
 * } finally {
 *   deadline.dispose();
 * }
 */
export interface RequestDeadline {
  readonly signal: AbortSignal;
  /** True once the clock, not the caller, stopped the request. */
  readonly timedOut: boolean;
  /** Starts the clock again from zero. */
  restart(): void;
  /** Stops the clock and lets go of the caller's signal; call it when the request is over. */
  dispose(): void;
}

export const startRequestDeadline = (timeoutMs: number, callerSignal?: AbortSignal): RequestDeadline => {
  const controller = new AbortController();
  let timedOut = false;
  const expire = () => {
    timedOut = true;
    controller.abort(new DOMException(`no progress for ${timeoutMs} ms`, 'TimeoutError'));
  };
  let timer = setTimeout(expire, timeoutMs);
  const onCallerAbort = () => {
    clearTimeout(timer);
    controller.abort(callerSignal?.reason);
  };
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    restart() {
      if (controller.signal.aborted) return;
      clearTimeout(timer);
      timer = setTimeout(expire, timeoutMs);
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
};
