import type { Notice } from '../cards/card.js';
import type { Command } from '../commands/command.js';
import type { CommandContext } from './bot-dependencies.js';

/**
 * What a platform's check decides before a command is answered: go on (optionally with a notice added to a
 * successful answer, such as "invite me to this channel"), or refuse with the reason (then nothing is done).
 */
export type Precheck =
  | { verdict: 'continue'; notice?: Notice }
  | { verdict: 'refuse'; notice: Notice; title?: string };

export const CONTINUE: Precheck = { verdict: 'continue' };

/**
 * The one place where a platform adds the checks only it can make: who may change settings, whether the bot can
 * post in the channel. `before` runs after the command is read and before it is answered, inside the core's
 * error handling, so a check that throws gets the same apology as any other failure.
 *
 * @example
 * const hooks: CommandHooks = {
 *   before: async (command) =>
 *     CHANGING_COMMANDS.has(command.kind) && !(await isAdmin(userId))
 *       ? { verdict: 'refuse', notice: { tone: 'warning', text: 'Only admins can change this.' } }
 *       : CONTINUE,
 * };
 */
export interface CommandHooks {
  before?(command: Command, context: CommandContext): Promise<Precheck>;
}
