import { and, eq, inArray } from 'drizzle-orm';
import type { PaperShare, SharedPapers } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { sharedPapers } from '../db/schema.js';
import { channelIdOf } from './channel-store.js';

/** Who shared which papers in each channel (`shared_papers`); a paper's first share in a channel is kept. */
export function createSharedPaperStore(db: Database): SharedPapers {
  return {
    async record(channel, shares, at) {
      if (shares.length === 0) return;
      await db
        .insert(sharedPapers)
        .values(shares.map((share) => ({ ...share, channelId: channelIdOf(channel), sharedAt: at })))
        .onConflictDoNothing();
    },

    async find(channel, paperIds) {
      if (paperIds.length === 0) return new Map();
      const rows = await db
        .select({
          paperId: sharedPapers.paperId,
          userId: sharedPapers.userId,
          messageId: sharedPapers.messageId,
          link: sharedPapers.link,
          sharedAt: sharedPapers.sharedAt,
        })
        .from(sharedPapers)
        .where(
          and(eq(sharedPapers.channelId, channelIdOf(channel)), inArray(sharedPapers.paperId, [...paperIds])),
        );
      return new Map<string, PaperShare>(rows.map((row) => [row.paperId, row]));
    },
  };
}
