import type { Card, SeenLine } from '../core/cards/card.js';
import type { ChannelRef } from '../core/channel.js';
import type { Poster } from '../core/delivery/poster.js';

/**
 * The card with a link on each of its seen lines that names a message but has no link yet (the platform's
 * permalink, asked for when the card is posted). A link the platform cannot give stays null: the line shows none.
 */
export async function withMessageLinks(card: Card, poster: Poster, channel: ChannelRef): Promise<Card> {
  const { seen } = card;
  const unlinked = (line: SeenLine): line is SeenLine & { message: { id: string; link: null } } =>
    line.message !== null && line.message.id !== null && line.message.link === null;
  if (!seen?.some(unlinked) || !poster.messageLink) return card;
  const linked = await Promise.all(
    seen.map(async (line) => {
      if (!unlinked(line)) return line;
      const link = await poster.messageLink?.(channel, line.message.id).catch(() => null);
      return { ...line, message: { ...line.message, link: link ?? null } };
    }),
  );
  return { ...card, seen: linked };
}
