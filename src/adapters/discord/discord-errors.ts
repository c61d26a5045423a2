import { DiscordAPIError, RateLimitError } from 'discord.js';
import { PermanentDeliveryError, RateLimitedError } from '../../core/delivery/poster.js';
import { CodedError } from '../../core/errors.js';

/** Discord error codes after which posting to the channel can never succeed. */
export const PERMANENT_CODES: ReadonlyMap<number, string> = new Map([
  [10003, 'Unknown Channel'],
  [10004, 'Unknown Guild'],
  [50001, 'Missing Access'],
  [50013, 'Missing Permissions'],
]);

/**
 * Turns what discord.js's REST threw into the delivery worker's vocabulary: `PermanentDeliveryError` for the
 * codes above, `RateLimitedError` when REST gave up waiting on a 429 (a wait longer than we let it sleep), and
 * the error itself otherwise (network errors, 5xx: retried with backoff).
 */
export function classifyDiscordError(error: unknown): unknown {
  if (error instanceof DiscordAPIError && typeof error.code === 'number') {
    const name = PERMANENT_CODES.get(error.code);
    if (name) return new PermanentDeliveryError(`${error.code} ${name}`, { cause: error });
  }
  if (error instanceof RateLimitError) return new RateLimitedError(Math.max(error.timeToReset, 1000));
  return error;
}

/** True for Discord's code 160004: a thread was already started from this message (a retried start). */
export const isThreadAlreadyCreated = (error: unknown): boolean =>
  error instanceof DiscordAPIError && error.code === 160004;

/** The gateway's close code for an identify asking for a privileged intent the bot does not have. */
export const DISALLOWED_INTENTS = 4014;

/**
 * Discord closed the gateway with 4014: paperboy asked for Message Content (`DISCORD_MESSAGE_CONTENT=true`) and the
 * bot does not have it. The message says how to fix it, for the operator's log.
 */
export class DisallowedIntentsError extends CodedError<'discordDisallowedIntents'> {
  constructor() {
    super(
      'discordDisallowedIntents',
      'Discord refused the gateway connection (close code 4014, disallowed intents): DISCORD_MESSAGE_CONTENT=true asks for the privileged Message Content intent, which this bot does not have. Enable it in the Discord Developer Portal (your application > Bot > Privileged Gateway Intents > Message Content Intent, and save), or unset DISCORD_MESSAGE_CONTENT.',
    );
  }
}
