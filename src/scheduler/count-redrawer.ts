import { withCounts } from '../core/bot/feedback-card.js';
import { channelKey, type Platform } from '../core/channel.js';
import { type Poster, RateLimitedError } from '../core/delivery/poster.js';
import type { Logger } from '../core/logger.js';
import type { FeedbackStore, PostedMessage, PostedMessages } from '../core/ports.js';

/** A message's counts are drawn again at most this often, however many votes arrive. */
export const REDRAW_INTERVAL_MS = 5_000;
/** How often each replica looks for messages whose counts changed. */
const POLL_MS = 1_000;
const BATCH = 20;

/**
 * Draws the feedback counts of posted messages again, in place, at most once every `REDRAW_INTERVAL_MS` per
 * message across every replica (claims in Postgres decide who draws), through each platform's `edit`.
 */
export function createCountRedrawer(options: {
  postedMessages: PostedMessages;
  feedback: FeedbackStore;
  posters: Poster[];
  logger: Logger;
  now?: () => Date;
  intervalMs?: number;
  pollMs?: number;
}) {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? REDRAW_INTERVAL_MS;
  const posters = new Map<Platform, Poster>(options.posters.map((poster) => [poster.platform, poster]));
  const log = options.logger.child({ job: 'count-redrawer' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function redraw(message: PostedMessage): Promise<void> {
    const poster = posters.get(message.channel.platform);
    if (!poster?.edit) return;
    const card = await withCounts(message.card, options.feedback, message.channel);
    try {
      await poster.edit({ ...message, card });
    } catch (error) {
      const where = { channel: channelKey(message.channel), message: message.messageId };
      if (error instanceof RateLimitedError) {
        await options.postedMessages.retryRedraw(message.channel, message.messageId, now());
        log.info('rate limited while redrawing counts; trying again later', where);
      } else {
        log.warn('could not redraw the counts of a message', { ...where, error });
      }
    }
  }

  /** One round: claim the messages due and redraw them. */
  async function round(): Promise<number> {
    const due = await options.postedMessages.claimRedraws(now(), intervalMs, BATCH);
    await Promise.all(due.map(redraw));
    return due.length;
  }

  return {
    round,
    start(): void {
      timer = setInterval(() => {
        running = running.then(round).then(
          () => {},
          (error: unknown) => log.warn('looking for counts to redraw failed', { error }),
        );
      }, options.pollMs ?? POLL_MS);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
