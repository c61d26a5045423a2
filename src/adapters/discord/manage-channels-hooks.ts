import { CONTINUE, type CommandHooks } from '../../core/bot/command-hooks.js';
import { CHANGING_COMMANDS } from '../../core/commands/command.js';
import { canManageChannels } from './member-permissions.js';

/**
 * Discord's check before the core answers: commands that change a channel need Manage Channels. `name` and `sub`
 * name the command in the refusal (`/digest config`). Slash commands, the settings panel's controls and its
 * modals all pass it, each with the permissions of the interaction at hand.
 */
export const manageChannelsHooks = (
  permissions: string | undefined,
  name: string,
  sub?: string,
): CommandHooks => ({
  before: async (command) =>
    CHANGING_COMMANDS.has(command.kind) && !canManageChannels(permissions)
      ? { verdict: 'refuse', notice: manageChannelsNotice(name, sub) }
      : CONTINUE,
});

/** "Only members who can manage this channel can use /digest config." */
export const manageChannelsNotice = (name: string, sub?: string) => ({
  tone: 'warning' as const,
  text: `Only members who can manage this channel can use /${name}${sub ? ` ${sub}` : ''}.`,
});
