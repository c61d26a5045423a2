import type { Card } from '../cards/card.js';
import type { Channel, ChannelRef, Platform } from '../channel.js';
import { CodedError } from '../errors.js';

/** One message to post: a digest or an alert, already built, with how far an earlier attempt got. */
export interface OutgoingMessage {
  channel: Channel;
  card: Card;
  /** Details of each paper go in a thread under the first post (the channel's `threads` setting). */
  threads: boolean;
  /** The same for every attempt at this message: platforms that can (Discord's nonce) drop a repeat. */
  idempotencyKey: string;
  /** Posts of this message that went out on an earlier attempt (resume after them), with their ids. */
  partsSent: number;
  messageIds: string[];
}

/** What one platform post shows, for redrawing its feedback counts later. */
export interface PostedPart {
  /** The part of the message's card this post shows: its items are the papers in it. */
  card: Card;
  /** A post about one paper (its details in a thread): reactions on it count as feedback. */
  perPaper: boolean;
}

/** A posted message to draw again (its feedback counts changed). */
export interface MessageToRedraw {
  channel: ChannelRef;
  messageId: string;
  card: Card;
  perPaper: boolean;
}

/**
 * Posts messages to one platform. A message may take several platform posts (a long digest, thread
 * replies): after each one, `onPartSent` must be awaited with its id (and what it shows, so its counts can be
 * redrawn), so that a crash between posts leaves at most the one in flight in doubt.
 *
 * Throws `RateLimitedError` to be retried after the platform's wait, `PermanentDeliveryError` when the
 * channel cannot be posted to any more (it is then deactivated), and anything else to be retried with
 * backoff.
 *
 * `signal` aborts when shutdown begins: stop waiting (pacing, rate limits) and start no further post; the
 * delivery is handed on, to resume after the posts recorded. A request already sent may be cut if a repeat
 * cannot show twice (`supportsIdempotency`); otherwise let it finish, so that its id is recorded (cutting it
 * would only leave unknown whether it went out). SHUTDOWN_TIMEOUT bounds how long that may take.
 *
 * @example
 * const consolePoster: Poster = {
 *   platform: 'console',
 *   supportsIdempotency: true,
 *   async post(message, onPartSent) { print(message.card); await onPartSent('console-1'); },
 * };
 */
export interface Poster {
  platform: Platform;
  /** True when a repeated post with the same `idempotencyKey` cannot show twice (Discord's nonce). */
  supportsIdempotency: boolean;
  post(
    message: OutgoingMessage,
    onPartSent: (messageId: string, shown?: PostedPart) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * Draws a posted message again with its new feedback counts (Slack `chat.update`, a Discord message edit).
   * Absent on a platform that cannot edit. Throws like `post`.
   */
  edit?(message: MessageToRedraw): Promise<void>;
  /**
   * A link to a message in a channel (Slack `chat.getPermalink`, Discord's message URL), for the "shared by" and
   * "since you saw it" lines; null when the platform cannot give one (the line then shows no link). Never throws.
   */
  messageLink?(channel: ChannelRef, messageId: string): Promise<string | null>;
}

/** The chat platform asked us to wait; try again after `retryAfterMs`. */
export class RateLimitedError extends CodedError<'deliveryRateLimited'> {
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited; retry after ${retryAfterMs} ms`,
  ) {
    super('deliveryRateLimited', message);
  }
}

/** The channel cannot be posted to (`channel_not_found`, Missing Access, ...): no retry. */
export class PermanentDeliveryError extends CodedError<'deliveryPermanent'> {
  constructor(
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super('deliveryPermanent', `cannot post to this channel: ${reason}`, options);
  }
}

/**
 * The platform will not edit a posted message (it was deleted, or is too old): the edit is dropped, and the
 * channel stays as it is.
 */
export class EditRefusedError extends CodedError<'editRefused'> {
  constructor(
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super('editRefused', `the platform would not edit the message (${reason})`, options);
  }
}

/** A post stopped by its abort signal (shutdown) before it finished. */
export class PostAbortedError extends CodedError<'postAborted'> {
  constructor() {
    super('postAborted', 'posting stopped: paperboy is shutting down');
  }
}

/**
 * Waits for `wait` unless `signal` aborts first, then throws `PostAbortedError`; also throws at once if it
 * already has. For the waits inside a post (pacing, rate limits), which are safe to cut.
 */
export async function unlessAborted<T>(wait: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return wait;
  if (signal.aborted) throw new PostAbortedError();
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new PostAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([wait, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
