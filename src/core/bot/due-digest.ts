import type { Card } from '../cards/card.js';
import type { ChannelRef } from '../channel.js';
import { buildDigest } from '../digest/build-digest.js';
import { digestCard } from '../digest/digest-card.js';
import { dueSlotsBetween } from '../schedule/due-times.js';
import type { BotDependencies } from './bot-dependencies.js';

/**
 * The digest a channel is due between `from` (exclusive) and `to` (inclusive), or null when none is due,
 * the channel is inactive, or an empty day should stay silent. Its papers are recorded as delivered.
 * Several missed slots in the window give one digest.
 */
export async function dueDigest(
  dependencies: BotDependencies,
  ref: ChannelRef,
  from: Date,
  to: Date,
): Promise<Card | null> {
  const channel = await dependencies.channels.get(ref);
  if (!channel?.active || dueSlotsBetween(channel.settings.schedule, from, to).length === 0) return null;
  const digest = await buildDigest(
    { papers: dependencies.digestPapers, subscriptions: dependencies.subscriptions },
    channel,
    to,
  );
  const card = digestCard(digest, { postWhenEmpty: channel.settings.postWhenEmpty });
  if (card) {
    await dependencies.digestPapers.markDelivered(
      channel,
      digest.items.map((item) => ({ paperId: item.paper.id, matchedTerm: item.matchedTerm })),
      to,
    );
  }
  return card;
}
