import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { isAdmin } from './admin-check.js';
import { isDirectMessage, isMember } from './user-channels.js';

/**
 * Whether a person may change a channel's paperboy settings from a view (a modal, the App Home): they must be a
 * member of it (of a direct message, only their own with paperboy), and with `SLACK_ADMIN_ONLY` a workspace admin
 * or owner. A slash command needs no membership check (Slack only lets members type it there), but a view names
 * its channel in values a client can change.
 */
export type ChannelAccess = 'allowed' | 'not_member' | 'not_own_dm' | 'admins_only';

export async function channelAccess(
  client: webApi.WebClient,
  who: { userId: string; channelId: string; adminOnly: boolean },
  logger: Logger,
): Promise<ChannelAccess> {
  if (who.adminOnly && !(await isAdmin(client, who.userId, logger))) return 'admins_only';
  if (await isMember(client, who.userId, who.channelId)) return 'allowed';
  return isDirectMessage(who.channelId) ? 'not_own_dm' : 'not_member';
}

/** Why a person may not change a channel, in a sentence for a modal. */
export const ACCESS_REFUSALS: Record<Exclude<ChannelAccess, 'allowed'>, string> = {
  not_member: 'You can only change paperboy in channels you are a member of. Join the channel first.',
  not_own_dm:
    'In direct messages, paperboy can only be changed in your own direct message with it. Type /papers settings there, or in a channel.',
  admins_only:
    "Only workspace admins and owners can change paperboy's settings and subscriptions in this workspace. Ask one of them.",
};
