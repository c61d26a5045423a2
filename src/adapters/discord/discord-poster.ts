import { DiscordAPIError, type REST, Routes } from 'discord.js';
import {
  EditRefusedError,
  type MessageToRedraw,
  type OutgoingMessage,
  PostAbortedError,
  type PostedPart,
  type Poster,
} from '../../core/delivery/poster.js';
import type { Logger } from '../../core/logger.js';
import { classifyDiscordError, isThreadAlreadyCreated } from './discord-errors.js';
import { type CardPart, cardParts, type DiscordMessage, renderPart } from './embeds.js';
import { channelMessageLink, withMessageLinks } from './message-link.js';
import { postNonce } from './nonce.js';
import { partOfPosted, postedCard } from './posted-part.js';

const THREAD_NAME_MAX = 100;
/** Discord's code for a message that does not exist (any more). */
const UNKNOWN_MESSAGE = 10008;
/** Public thread archive after a day without messages. */
const THREAD_ARCHIVE_MINUTES = 1440;

/**
 * Posts digests and alerts through discord.js's REST (buckets, the global limit and 429 waits are its job).
 * A message is a sequence of posts: the card's messages in the channel, then, in thread mode, the papers'
 * details in a thread started from the first one. Each post carries a nonce derived from the message's
 * idempotency key and its position, with `enforce_nonce`, so a post retried after a crash cannot show twice;
 * `partsSent` says where to resume. The nonce also makes cutting a request safe, so an abort (shutdown) stops a
 * request in flight, or waiting in REST's rate-limit queue, at once.
 *
 * Each post of papers with feedback says what it shows (`shown`: its papers, how it was drawn, and the thread it
 * is in), so `edit` can draw it again with new counts: `PATCH /channels/{channel or thread}/messages/{id}` with
 * the same embeds and controls. A thread message about one paper is `perPaper`.
 *
 * The card's known papers (`seen`) that name one of paperboy's own messages get its link here, and
 * `messageLink` gives any message's link for the core.
 */
export function createDiscordPoster(rest: REST, logger: Logger): Poster {
  const log = logger.child({ component: 'discord-poster' });

  async function create(
    channelId: string,
    body: DiscordMessage,
    nonce: string,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const created = (await rest.post(Routes.channelMessages(channelId), {
      body: { ...body, nonce, enforce_nonce: true },
      signal,
    })) as { id: string };
    return created.id;
  }

  /** Starts the details thread from the digest's first message; its id is that message's id. */
  async function startThread(
    channelId: string,
    messageId: string,
    name: string,
    signal: AbortSignal | undefined,
  ): Promise<string | null> {
    try {
      await rest.post(Routes.threads(channelId, messageId), {
        body: {
          name: name.slice(0, THREAD_NAME_MAX) || 'Details',
          auto_archive_duration: THREAD_ARCHIVE_MINUTES,
        },
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw new PostAbortedError();
      if (isThreadAlreadyCreated(error)) return messageId;
      const classified = classifyDiscordError(error);
      if (classified === error) throw error;
      // No right to start threads here: the digest itself went out, so skip the details rather than fail it.
      log.warn('could not start the details thread; posting the digest without it', {
        channel: channelId,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
    return messageId;
  }

  /** What a post shows, for redrawing its counts; nothing for a post without feedback controls. */
  const shown = (part: CardPart, channelId: string): PostedPart | undefined =>
    part.card.feedback && part.card.items.length > 0
      ? {
          card: postedCard(part, channelId),
          perPaper: part.layout === 'details' && part.card.items.length === 1,
        }
      : undefined;

  return {
    platform: 'discord',
    supportsIdempotency: true,
    async post(message: OutgoingMessage, onPartSent, signal) {
      const channelId = message.channel.channelId;
      const seen = withMessageLinks(message.card.seen, message.channel);
      const card = seen ? { ...message.card, seen } : message.card;
      const main = cardParts(card, message.threads ? 'compact' : 'full');
      const details = message.threads && card.items.length > 0 ? cardParts(card, 'details') : [];
      const sentIds = [...message.messageIds];
      try {
        for (let part = message.partsSent; part < main.length; part += 1) {
          const drawn = main[part] as CardPart;
          const id = await create(
            channelId,
            renderPart(drawn),
            postNonce(message.idempotencyKey, part),
            signal,
          );
          sentIds[part] = id;
          await onPartSent(id, shown(drawn, channelId));
        }
        const parentId = sentIds[0];
        if (details.length === 0 || parentId === undefined) return;
        const firstDetail = Math.max(0, message.partsSent - main.length);
        if (firstDetail >= details.length) return;
        const threadId = await startThread(channelId, parentId, card.header, signal);
        if (threadId === null) return;
        for (let index = firstDetail; index < details.length; index += 1) {
          const part = main.length + index;
          const drawn = details[index] as CardPart;
          const id = await create(
            threadId,
            renderPart(drawn),
            postNonce(message.idempotencyKey, part),
            signal,
          );
          await onPartSent(id, shown(drawn, threadId));
        }
      } catch (error) {
        if (signal?.aborted) throw new PostAbortedError();
        throw classifyDiscordError(error);
      }
    },

    /**
     * Draws a posted message again with its new counts; Discord keeps its id, place and thread. A message that is
     * gone (10008 Unknown Message: deleted) is an `EditRefusedError`.
     */
    async edit(message: MessageToRedraw) {
      const { part, channelId } = partOfPosted(message);
      const body: DiscordMessage = renderPart(part);
      try {
        await rest.patch(Routes.channelMessage(channelId, message.messageId), { body });
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE)
          throw new EditRefusedError('10008 Unknown Message', { cause: error });
        throw classifyDiscordError(error);
      }
    },

    /** `https://discord.com/channels/<guild>/<channel>/<message>`: Discord's message URLs need no request. */
    async messageLink(channel, messageId) {
      return channelMessageLink(channel, messageId);
    },
  };
}
