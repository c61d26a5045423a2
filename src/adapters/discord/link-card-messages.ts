import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import type { LinkCard } from '../../core/bot/link-cards.js';
import type { Card } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';
import { findPaperLinks, paperIdOfUrl } from '../../core/paper-links.js';
import { type CardPart, cardParts, type DiscordMessage, renderPart } from './embeds.js';
import type { DiscordMessageSeen } from './interaction-schema.js';
import { discordMessageLink } from './message-link.js';
import { postedCard } from './posted-part.js';

/** What paperboy says when a message has no paper link it reads. */
export const NO_PAPER_LINKS =
  'No paper links in that message. paperboy reads arXiv, Hugging Face, alphaXiv and arXiv DOI links.';
/** What it says when the message has paper links but none of them is a paper it could find. */
export const NO_PAPERS_FOUND =
  'No paper found for the links in that message. paperboy reads arXiv, Hugging Face, alphaXiv and arXiv DOI links.';

/**
 * The paper links of a message, from its text and then its embeds' URLs (link previews), each paper once, in
 * the order written, at most `MAX_LINKS_PER_MESSAGE` (10, so one message of cards holds them all).
 *
 * @example
 * messagePaperUrls({ ..., content: 'see arxiv.org/abs/2606.93392v2 and https://huggingface.co/papers/2606.93392' });
 * // ['https://arxiv.org/abs/2606.93392v2']
 */
export function messagePaperUrls(message: Pick<DiscordMessageSeen, 'content' | 'embeds'>): string[] {
  const text = [message.content ?? '', ...(message.embeds ?? []).map((embed) => embed.url ?? '')].join('\n');
  return findPaperLinks(text).map((link) => link.url);
}

/**
 * Who shared the message's links, for the channel's record: its author with the message's id and link. None for
 * a message of a bot or a webhook (paperboy's own digest included): nobody shared those papers.
 */
export function sharerOf(
  message: DiscordMessageSeen,
  guildId: string,
): { userId: string; messageId: string; link: string | null } | undefined {
  if (message.author.bot === true || message.webhook_id !== undefined) return undefined;
  return {
    userId: message.author.id,
    messageId: message.id,
    link: discordMessageLink(guildId, message.channel_id, message.id),
  };
}

/** The cards of a message's links as one card, in the order the links were written. */
export function linkCardsCard(cards: readonly LinkCard[], urls: readonly string[]): Card {
  const order = urls.map(paperIdOfUrl);
  const sorted = [...cards].sort((a, b) => order.indexOf(a.paperId) - order.indexOf(b.paperId));
  const items = sorted.flatMap((entry) => entry.card.items);
  return {
    header: sorted.length === 1 ? (sorted[0]?.card.header ?? 'Paper card') : `${sorted.length} papers`,
    items,
    notices: [],
    actions: [],
    feedback: sorted.some((entry) => entry.card.feedback === true),
    fallback: sorted.map((entry) => entry.card.fallback).join('\n'),
  };
}

/**
 * The card as Discord messages: one small embed per paper with the papers' 👍 👎 🔖 controls, never pinging
 * anyone; ten cards fit in one message.
 */
export function linkCardMessages(card: Card): { parts: CardPart[]; messages: DiscordMessage[] } {
  const parts = cardParts(card, 'link');
  const messages = parts.map((part) => ({
    ...renderPart(part),
    allowed_mentions: { parse: [] as [], replied_user: false as const },
  }));
  return { parts, messages };
}

/**
 * Records a posted message of cards, so its counts are drawn again when people vote; a failure only costs the
 * redraws (logged).
 */
export async function recordCardsMessage(
  bot: BotDependencies,
  channel: ChannelRef,
  part: CardPart | undefined,
  sent: unknown,
  now: Date,
): Promise<void> {
  const messageId = (sent as { id?: unknown } | null)?.id;
  const channelId = (sent as { channel_id?: unknown } | null)?.channel_id;
  if (!bot.postedMessages || !part || part.card.items.length === 0 || typeof messageId !== 'string') return;
  try {
    // Votes on it are counted per channel, which may be new to paperboy (the card was its first answer here).
    await bot.channels.ensure(channel);
    await bot.postedMessages.record(
      {
        channel,
        messageId,
        card: postedCard(part, typeof channelId === 'string' ? channelId : channel.channelId),
        perPaper: false,
      },
      now,
    );
  } catch (error) {
    bot.logger.warn('could not record a message of paper cards; its counts will not be redrawn', { error });
  }
}
