import type { SeenLine } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';

const SNOWFLAKE = /^\d{1,20}$/;

/**
 * The URL Discord opens a message at, `https://discord.com/channels/<guild>/<channel>/<message>`; null when an id
 * is not a snowflake (nothing else makes a working link). Never throws.
 *
 * @example
 * discordMessageLink('400000000000000001', '500000000000000001', '900000000000000001');
 * // 'https://discord.com/channels/400000000000000001/500000000000000001/900000000000000001'
 */
export const discordMessageLink = (guildId: string, channelId: string, messageId: string): string | null =>
  [guildId, channelId, messageId].every((id) => SNOWFLAKE.test(id))
    ? `https://discord.com/channels/${guildId}/${channelId}/${messageId}`
    : null;

/** The link to a message of a paperboy channel (its workspace is the guild). */
export const channelMessageLink = (channel: ChannelRef, messageId: string): string | null =>
  discordMessageLink(channel.workspaceId, channel.channelId, messageId);

/** Known-paper lines with the links the core could not give (paperboy's own posts: it knows only their ids). */
export const withMessageLinks = (
  seen: readonly SeenLine[] | undefined,
  channel: ChannelRef,
): SeenLine[] | undefined =>
  seen?.map((line) =>
    line.message?.id && line.message.link === null
      ? { ...line, message: { ...line.message, link: channelMessageLink(channel, line.message.id) } }
      : line,
  );
