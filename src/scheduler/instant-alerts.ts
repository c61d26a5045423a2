import { and, eq, sql } from 'drizzle-orm';
import { channelKey } from '../core/channel.js';
import { alertCard } from '../core/digest/alert-card.js';
import { MATCH_WINDOW_DAYS, MAX_MATCHES_PER_DIGEST } from '../core/digest/build-digest.js';
import { withSeenLines } from '../core/digest/digest-card.js';
import { sharedLine } from '../core/digest/seen-lines.js';
import type { Logger } from '../core/logger.js';
import type { Database } from '../db/database.js';
import { channels } from '../db/schema.js';
import { toChannel } from '../store/channel-store.js';
import { createDeliveryQueue } from '../store/delivery-queue.js';
import { createDigestPapers, lockChannel } from '../store/digest-papers.js';
import { createSharedPaperStore } from '../store/shared-paper-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';

/**
 * After an ingest: for every active channel in `instant` mode, the papers first stored since `since` that
 * match its subscriptions go out as one alert (a batch per channel). They count as delivered, so neither a
 * later alert nor the digest repeats them. `runKey` names the ingest, so queuing twice is a no-op.
 */
export async function queueInstantAlerts(options: {
  db: Database;
  since: Date;
  now: Date;
  runKey: string;
  logger: Logger;
}): Promise<number> {
  const { db, now } = options;
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.active, true), sql`(${channels.settings} ->> 'alerts') = 'instant'`));
  let queued = 0;
  for (const row of rows) {
    const channel = toChannel(row);
    queued += await db.transaction(async (tx) => {
      const store = tx as unknown as Database;
      await lockChannel(store, row.id);
      const terms = await createSubscriptionStore(store).list(channel);
      if (!terms.some((term) => term.kind !== 'exclude')) return 0;
      const papers = createDigestPapers(store);
      const matches = await papers.matching({
        channel,
        terms,
        includeHf: channel.settings.sources.includes('hf'),
        categories: channel.settings.sources.filter((source) => source !== 'hf'),
        from: new Date(now.getTime() - MATCH_WINDOW_DAYS * 86_400_000),
        to: now,
        firstSeenSince: options.since,
        limit: MAX_MATCHES_PER_DIGEST,
        excludeShared: channel.settings.shared === 'hide',
      });
      if (matches.length === 0) return 0;
      // A paper a teammate already shared here is not news: it rides along in one line, or not at all.
      const shares = await createSharedPaperStore(store).find(
        channel,
        matches.map((match) => match.paper.id),
      );
      const fresh = matches.filter((match) => !shares.has(match.paper.id));
      const markAll = () =>
        papers.markDelivered(
          channel,
          matches.map((match) => ({ paperId: match.paper.id, matchedTerm: match.term })),
          now,
        );
      if (fresh.length === 0) {
        await markAll();
        return 0;
      }
      const seen =
        channel.settings.shared === 'hide'
          ? []
          : matches.flatMap((match) => {
              const share = shares.get(match.paper.id);
              return share
                ? [sharedLine({ paper: match.paper, reason: 'subscription', matchedTerm: match.term }, share)]
                : [];
            });
      const id = await createDeliveryQueue(store).enqueue(
        {
          channelId: row.id,
          slotId: null,
          kind: 'alert',
          card: withSeenLines(alertCard(fresh), seen),
          idempotencyKey: `alert:${channelKey(channel)}:${options.runKey}`,
        },
        now,
      );
      if (id === null) return 0;
      await markAll();
      options.logger.info('instant alert queued', { channel: channelKey(channel), papers: matches.length });
      return 1;
    });
  }
  return queued;
}
