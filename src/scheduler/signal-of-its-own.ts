import { setMaxListeners } from 'node:events';

/**
 * Runs `work` under a signal of its own that aborts when `parent` does, and lets go of `parent` when the work
 * ends. A library that adds an abort listener to every request's signal and never removes it (discord.js's
 * REST does) then leaves them on a signal dropped with the work. Handed the worker's signal, which lives as long
 * as the process, they piled up one per Discord post: memory held for good, and every later listener added to
 * that signal (each Slack post's pacing wait) walked all of them first.
 */
export async function withSignalOfItsOwn<T>(
  parent: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const own = new AbortController();
  // A long digest makes several requests, each of which may leave a listener here until the work ends.
  setMaxListeners(0, own.signal);
  const abort = () => own.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  try {
    return await work(own.signal);
  } finally {
    parent.removeEventListener('abort', abort);
  }
}
