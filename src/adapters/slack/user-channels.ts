import type { webApi } from '@slack/bolt';

/** Pages of `users.conversations` read at most; 10 pages of 200 is 2,000 channels. */
const MAX_PAGES = 10;
const PAGE_SIZE = 200;

/**
 * The public and private channels a person is a member of (`users.conversations` with `user`, scopes
 * `channels:read` and `groups:read`), paged by cursor up to 2,000 channels. Private channels the bot is not in
 * are not listed by Slack, and paperboy could not post in them anyway.
 */
export async function userChannelIds(client: webApi.WebClient, userId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.users.conversations({
      user: userId,
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const channel of answer.channels ?? []) if (channel.id) ids.push(channel.id);
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return ids;
}
