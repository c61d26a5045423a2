import type { webApi } from '@slack/bolt';
import type { Notice } from '../../core/cards/card.js';
import type { CommandKind } from '../../core/commands/command.js';
import { slackErrorCode } from './slack-errors.js';

/** Commands after which paperboy will post to the channel on its own (digests, alerts). */
export const SCHEDULING_COMMANDS: ReadonlySet<CommandKind> = new Set(['subscribe', 'schedule']);

/** Slash commands work in channels the bot is not in, but `chat.postMessage` then fails with `not_in_channel`. */
export const NOT_IN_CHANNEL_NOTICE: Notice = {
  tone: 'warning',
  text: 'paperboy is not a member of this channel yet, so it cannot post the digest here. Invite it:',
  example: '/invite @paperboy',
};

/**
 * Whether the bot is a member of a channel (`conversations.info`): false when it is not, or when the channel is
 * private and hidden from it; null when that cannot be told (a DM, or an error), so nothing is claimed.
 */
export async function isBotInChannel(client: webApi.WebClient, channelId: string): Promise<boolean | null> {
  if (!/^[CG]/.test(channelId)) return null;
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    return channel?.is_member ?? null;
  } catch (error) {
    return slackErrorCode(error) === 'channel_not_found' ? false : null;
  }
}
