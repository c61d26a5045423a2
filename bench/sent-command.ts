/** One command as the platform sees it: its request was acked (or failed), and its answer arrives later. */
export interface SentCommand {
  /** The ack had status 200. */
  ok: boolean;
  /**
   * Resolves when the user can see the answer (in the ack, or the follow-up post or edit that replaces it);
   * rejects when it has not come within the time the sender was given.
   */
  answered: Promise<void>;
  /** Whether the answer has come by now, however late: tells when the bot has caught up. */
  seen(): boolean;
}

/** Sends the command numbered `index`, waiting at most `answerTimeoutMs` after the ack for its answer. */
export type SendCommand = (index: number, answerTimeoutMs: number) => Promise<SentCommand>;

/** Platforms show the user an error when the ack takes longer (Slack and Discord both allow 3 s). */
export const PLATFORM_ACK_MS = 3000;

/**
 * `answered` with its rejection marked as handled: a caller that stops waiting (a failed or late ack, a burst
 * that gave up) must not turn a missing answer into an unhandled rejection that ends the bench.
 */
export function markHandled(answered: Promise<void>): Promise<void> {
  answered.catch(() => {});
  return answered;
}

/** `promise`'s value, or `null` once `ms` have passed (or it rejected). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
