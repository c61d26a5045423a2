import type { Card } from '../cards/card.js';
import type { Channel, Platform } from '../channel.js';

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

/**
 * Posts messages to one platform. A message may take several platform posts (a long digest, thread
 * replies): after each one, `onPartSent` must be awaited with its id, so that a crash between posts
 * leaves at most the one in flight in doubt.
 *
 * Throws `RateLimitedError` to be retried after the platform's wait, `PermanentDeliveryError` when the
 * channel cannot be posted to any more (it is then deactivated), and anything else to be retried with
 * backoff.
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
  post(message: OutgoingMessage, onPartSent: (messageId: string) => Promise<void>): Promise<void>;
}

/** The platform asked us to wait; try again after `retryAfterMs`. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited; retry after ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/** The channel cannot be posted to (`channel_not_found`, Missing Access, ...): no retry. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
  readonly code = 'permanent';
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot post to this channel: ${reason}`, options);
  }
}
