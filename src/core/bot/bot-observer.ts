import type { ReplyOutcome } from '../cards/card.js';
import type { Platform } from '../channel.js';

/** How a command ended (see `ReplyOutcome`). */
export type CommandOutcome = ReplyOutcome;

/**
 * Told about every command the handler answers, e.g. to count them in metrics. Optional in the dependencies;
 * it must not throw.
 *
 * @example
 * const observer: BotObserver = { commandAnswered: (event) => counter.inc({ platform: event.platform }) };
 */
export interface BotObserver {
  commandAnswered(event: {
    platform: Platform;
    command: string;
    outcome: CommandOutcome;
    durationMs: number;
  }): void;
}
