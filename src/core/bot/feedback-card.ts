import type { Card } from '../cards/card.js';
import type { ChannelRef } from '../channel.js';
import type { FeedbackStore } from '../ports.js';

/**
 * The card with the feedback controls on each of its papers and the channel's counts so far. Without a feedback
 * store (tests, a platform without it) the card is returned as it is.
 */
export async function withFeedback(
  card: Card,
  feedback: FeedbackStore | undefined,
  channel: ChannelRef,
): Promise<Card> {
  if (!feedback || card.items.length === 0) return card;
  const counts = await feedback.counts(
    channel,
    card.items.map((item) => item.id),
  );
  return {
    ...card,
    feedback: true,
    items: card.items.map((item) => ({ ...item, counts: counts.get(item.id) })),
  };
}
