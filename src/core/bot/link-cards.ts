import { paperLinkCard } from '../cards/build-cards.js';
import type { Card } from '../cards/card.js';
import type { ChannelRef } from '../channel.js';
import type { Paper } from '../paper.js';
import { paperIdOfUrl } from '../paper-links.js';
import type { BotDependencies } from './bot-dependencies.js';

/** Where paper links were shared, and by whom. */
export interface SharedLinks {
  channel: ChannelRef;
  /**
   * The message they were posted in: its author and id, and a link to it where the platform gives one (or will:
   * a promise of it is awaited only when the shares are recorded). Absent for a message not posted yet (Slack's
   * composer preview): then nothing is recorded.
   */
  message?: { userId: string; messageId: string | null; link: string | null | Promise<string | null> };
  /** The links as the platform gave them; the same paper may appear under several. */
  urls: readonly string[];
  now: Date;
}

/** The card for one shared paper and every URL of the message that points to it. */
export interface LinkCard {
  paperId: string;
  urls: string[];
  card: Card;
}

/** What can be answered now, and what waits for arXiv (null when nothing does). */
export interface LinkCards {
  ready: LinkCard[];
  later: Promise<LinkCard[]> | null;
}

/**
 * Cards for the paper links of a message: the stored papers at once, the others once they are looked up (one
 * queued arXiv request for many). A paper that is shared in a posted message is recorded as shared in the
 * channel. A link that is not a paper, an id arXiv does not know or a failed look-up gets no card and records
 * nothing; the channel is told nothing.
 *
 * @example
 * const { ready, later } = await linkCards(dependencies, { channel, message, urls: ['https://arxiv.org/abs/2606.00467'], now });
 */
export async function linkCards(dependencies: BotDependencies, shared: SharedLinks): Promise<LinkCards> {
  const urlsOf = new Map<string, string[]>();
  for (const url of shared.urls) {
    const id = paperIdOfUrl(url);
    if (id !== null) urlsOf.set(id, [...(urlsOf.get(id) ?? []), url]);
  }
  if (urlsOf.size === 0) return { ready: [], later: null };

  const ids = [...urlsOf.keys()];
  const stored = await dependencies.digestPapers.papers(ids);
  const storedIds = new Set(stored.map((paper) => paper.id));
  const missing = ids.filter((id) => !storedIds.has(id));

  const cardsFor = async (papers: readonly Paper[]): Promise<LinkCard[]> => {
    if (papers.length === 0) return [];
    await recordShares(dependencies, shared, papers);
    // One counts query for every card of the message.
    const counts = await dependencies.feedback?.counts(
      shared.channel,
      papers.map((paper) => paper.id),
    );
    return papers.map((paper) => {
      const card = paperLinkCard(paper);
      return {
        paperId: paper.id,
        urls: urlsOf.get(paper.id) ?? [],
        card: counts
          ? { ...card, items: card.items.map((item) => ({ ...item, counts: counts.get(item.id) })) }
          : card,
      };
    });
  };

  const ready = await cardsFor(stored);
  const lookup = dependencies.lookupPapers;
  const later =
    missing.length > 0 && lookup
      ? lookup(missing)
          .then((found) => cardsFor(found.filter((paper) => urlsOf.has(paper.id))))
          // Never rejects: an adapter may stop waiting for it (a failed reply) without leaving it unhandled.
          .catch((error: unknown) => {
            dependencies.logger.warn('could not make cards for looked-up papers', {
              papers: missing.length,
              error,
            });
            return [];
          })
      : null;
  return { ready, later };
}

async function recordShares(dependencies: BotDependencies, shared: SharedLinks, papers: readonly Paper[]) {
  const { message } = shared;
  if (!message || !dependencies.shares) return;
  try {
    // A link shared before anyone set paperboy up here still counts once they do.
    await dependencies.channels.ensure(shared.channel);
    const link = await message.link;
    await dependencies.shares.record(
      shared.channel,
      papers.map((paper) => ({
        paperId: paper.id,
        userId: message.userId,
        messageId: message.messageId,
        link,
      })),
      shared.now,
    );
  } catch (error) {
    // The cards still go out: only "shared by a teammate" in later digests is lost.
    dependencies.logger.warn('could not record shared papers', { papers: papers.length, error });
  }
}
