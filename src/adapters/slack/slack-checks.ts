import type { webApi } from '@slack/bolt';
import { CONTINUE, type CommandHooks } from '../../core/bot/command-hooks.js';
import { CHANGING_COMMANDS } from '../../core/commands/command.js';
import type { Logger } from '../../core/logger.js';
import { isAdmin } from './admin-check.js';
import { isBotInChannel, NOT_IN_CHANNEL_NOTICE, SCHEDULING_COMMANDS } from './channel-membership.js';

/** What a member who is not an admin is told when `SLACK_ADMIN_ONLY` keeps them from changing things. */
export const ADMINS_ONLY = {
  tone: 'warning',
  text: "Only workspace admins and owners can change paperboy's settings and subscriptions in this workspace. Ask one of them, or look at the current settings:",
  example: '/papers settings',
} as const;

/**
 * Slack's checks before the core answers a slash command: with `SLACK_ADMIN_ONLY`, commands that change things
 * are refused to members who are not admins; a command after which paperboy posts on its own notes when the bot
 * is not in the channel (it could not post there).
 */
export function slackCommandHooks(options: {
  client: webApi.WebClient;
  userId: string;
  channelId: string;
  adminOnly: boolean;
  logger: Logger;
}): CommandHooks {
  return {
    async before(command) {
      if (options.adminOnly && CHANGING_COMMANDS.has(command.kind)) {
        if (!(await isAdmin(options.client, options.userId, options.logger)))
          return { verdict: 'refuse', notice: ADMINS_ONLY, title: 'Admins only' };
      }
      if (SCHEDULING_COMMANDS.has(command.kind)) {
        const member = await isBotInChannel(options.client, options.channelId);
        if (member === false) return { verdict: 'continue', notice: NOT_IN_CHANNEL_NOTICE };
      }
      return CONTINUE;
    },
  };
}
