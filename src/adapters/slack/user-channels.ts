import type { webApi } from '@slack/bolt';

/** Pages of `users.conversations` read at most; 10 pages of 200 is 2,000 channels. */
const MAX_PAGES = 10;
const PAGE_SIZE = 200;

/** A direct message (`D…`): `users.conversations` does not list it for public and private channel types. */
export const isDirectMessage = (channelId: string): boolean => channelId.startsWith('D');

/**
 * The public and private channels a person is a member of, a page at a time (`users.conversations` with `user`,
 * scopes `channels:read` and `groups:read`), by cursor up to 2,000 channels. Private channels the bot is not in
 * are not listed by Slack, and paperboy could not post in them anyway.
 */
async function* channelPages(client: webApi.WebClient, userId: string): AsyncGenerator<string[]> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.users.conversations({
      user: userId,
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    yield (answer.channels ?? []).flatMap((channel) => (channel.id ? [channel.id] : []));
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return;
  }
}

/** Every public and private channel a person is in (for the App Home, which lists them all). */
export async function userChannelIds(client: webApi.WebClient, userId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of channelPages(client, userId)) ids.push(...page);
  return ids;
}

/**
 * Whether a person is a member of a channel: reads their channels page by page and stops at the page that has
 * it, so a check before a modal or an `ack` costs one call for most people. A direct message counts only when it
 * is the person's own with paperboy (the channel `conversations.open` gives for them, scope `im:write`): that is
 * where `/papers settings` in the Messages tab answers, and nobody else is in it.
 */
export async function isMember(
  client: webApi.WebClient,
  userId: string,
  channelId: string,
): Promise<boolean> {
  if (isDirectMessage(channelId)) {
    const { channel } = await client.conversations.open({ users: userId });
    return channel?.id === channelId;
  }
  for await (const page of channelPages(client, userId)) if (page.includes(channelId)) return true;
  return false;
}
