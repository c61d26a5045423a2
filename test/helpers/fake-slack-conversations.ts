type Params = Record<string, unknown>;

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');
const decodeCursor = (cursor: unknown): number | null => {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
};

/**
 * Who is in which channel, in the fake Slack: `users.conversations` (a person's public and private channels, paged
 * by `cursor` as Slack pages them, `limit` 1-1000, default 100) and `conversations.info` (`is_member` says whether
 * the bot is in the channel: yes unless `removeBot` said otherwise).
 */
export function createFakeConversations() {
  const members = new Map<string, string[]>();
  const botAbsent = new Set<string>();
  return {
    methods: {
      'users.conversations': (params: Params) => {
        const offset = decodeCursor(params.cursor);
        if (offset === null) return { ok: false, error: 'invalid_cursor' };
        const limit = params.limit === undefined ? 100 : Number(params.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          return { ok: false, error: 'invalid_limit' };
        const types = String(params.types ?? 'public_channel').split(',');
        const all = (members.get(String(params.user ?? '')) ?? []).filter((id) =>
          types.includes(id.startsWith('G') ? 'private_channel' : 'public_channel'),
        );
        const page = all.slice(offset, offset + limit);
        const next = offset + limit < all.length ? encodeCursor(offset + limit) : '';
        return {
          ok: true,
          channels: page.map((id) => ({
            id,
            name: id.toLowerCase(),
            is_channel: true,
            is_private: id.startsWith('G'),
          })),
          response_metadata: { next_cursor: next },
        };
      },
      'conversations.info': (params: Params) => ({
        ok: true,
        channel: { id: params.channel, name: 'papers', is_member: !botAbsent.has(String(params.channel)) },
      }),
    },
    /** `userId` is a member of these channels (`G…` ones are private), in this order. */
    join(userId: string, channelIds: readonly string[]) {
      members.set(userId, [...new Set([...(members.get(userId) ?? []), ...channelIds])]);
    },
    /** The bot is not a member of this channel (`conversations.info` says `is_member: false`). */
    removeBot: (channelId: string) => botAbsent.add(channelId),
    clear() {
      members.clear();
      botAbsent.clear();
    },
  };
}
