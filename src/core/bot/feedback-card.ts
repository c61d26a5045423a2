import type { Card } from '../cards/card.js';
import type { ChannelRef } from '../channel.js';
import type { FeedbackStore } from '../ports.js';

/**
 * The card with the feedback controls on each of its papers and the channel's counts so far. Without a feedback
 * store (tests, a platform without it) the card is returned as it is.
 */
export async function withFeedback(
  card: Card,
  feedback: Pick<FeedbackStore, 'counts'> | undefined,
  channel: ChannelRef,
): Promise<Card> {
  if (!feedback || card.items.length === 0) return card;
  return { ...(await withCounts(card, feedback, channel)), feedback: true };
}

/** The card's papers with the channel's counts as they are now (a message drawn again keeps its controls as they were). */
export async function withCounts(
  card: Card,
  feedback: Pick<FeedbackStore, 'counts'>,
  channel: ChannelRef,
): Promise<Card> {
  if (card.items.length === 0) return card;
  const counts = await feedback.counts(
    channel,
    card.items.map((item) => item.id),
  );
  return { ...card, items: card.items.map((item) => ({ ...item, counts: counts.get(item.id) })) };
}
