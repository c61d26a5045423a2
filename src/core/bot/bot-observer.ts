import type { Platform } from '../channel.js';

/** How a command ended: answered, refused because of the user's input, or failed on our side. */
export type CommandOutcome = 'ok' | 'user_error' | 'failed';

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
