import { z } from 'zod';
import type { Card } from '../../core/cards/card.js';
import type { MessageToRedraw } from '../../core/delivery/poster.js';
import type { CardPart } from './embeds.js';

const drawingSchema = z.object({
  layout: z.enum(['full', 'compact', 'details', 'link']),
  start: z.number().int().min(1),
  head: z.boolean(),
  foot: z.boolean(),
  /** Where the message is: the channel, or the digest's thread. */
  channelId: z.string().regex(/^\d{1,20}$/),
});

/** How the Discord adapter drew a posted message, kept with the card it recorded, to draw it again. */
export type PostedDrawing = z.infer<typeof drawingSchema>;

/**
 * The card recorded for a posted message (`PostedPart.card`): the part's card (its papers) and, under `discord`,
 * how it was drawn and in which channel or thread it is. The core stores the card as it is and hands it back to
 * `edit` with new counts, so the drawing comes back with it.
 */
export interface PostedCard extends Card {
  discord?: PostedDrawing;
}

/** The card to record for a part posted to `channelId`. */
export const postedCard = (part: CardPart, channelId: string): PostedCard => ({
  ...part.card,
  discord: { layout: part.layout, start: part.start, head: part.head, foot: part.foot, channelId },
});

/**
 * The part a recorded message shows and where it is. A card recorded without a readable drawing is drawn as a
 * thread's details when it is about one paper, else as a list, in the message's own channel.
 *
 * @example
 * const { part, channelId } = partOfPosted(message); // rest.patch(Routes.channelMessage(channelId, message.messageId), ...)
 */
export function partOfPosted(message: MessageToRedraw): { part: CardPart; channelId: string } {
  const { discord, ...card } = message.card as PostedCard;
  const drawing = drawingSchema.safeParse(discord);
  if (drawing.success) {
    const { channelId, ...how } = drawing.data;
    return { part: { ...how, card }, channelId };
  }
  return {
    part: {
      layout: message.perPaper ? 'details' : 'compact',
      card,
      start: 1,
      head: !message.perPaper,
      foot: false,
    },
    channelId: message.channel.channelId,
  };
}
