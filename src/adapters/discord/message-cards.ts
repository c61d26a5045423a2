import { DiscordAPIError, type REST, Routes } from 'discord.js';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { type LinkCard, linkCards } from '../../core/bot/link-cards.js';
import type { ChannelRef } from '../../core/channel.js';
import { concurrencyLimit } from '../../core/concurrency-limit.js';
import { PERMANENT_CODES } from './discord-errors.js';
import type { DiscordMessageSeen } from './interaction-schema.js';
import {
  linkCardMessages,
  linkCardsCard,
  messagePaperUrls,
  recordCardsMessage,
  sharerOf,
} from './link-card-messages.js';
import { postNonce } from './nonce.js';

/** Messages worked on at once (the database part; posting waits in discord.js's REST queue). */
const AT_ONCE = 4;
/** Messages being answered (waiting their turn, or for arXiv), at most; a flood beyond it gets no cards (logged). */
const MAX_IN_FLIGHT = 200;

export interface MessageCardsOptions {
  bot: BotDependencies;
  rest: REST;
  now: () => Date;
}

type GuildMessage = DiscordMessageSeen & { guild_id: string };

/**
 * Cards for the paper links people post (`DISCORD_MESSAGE_CONTENT=true`): for a person's message in a server
 * channel with paper links, the papers are recorded as shared by its author and paperboy replies to it with their
 * cards (`POST /channels/{id}/messages` with `message_reference`, pinging nobody, through discord.js's REST, which
 * keeps to the rate limits). Stored papers are posted at once; papers that must be looked up on arXiv are added to
 * that reply by an edit when they are in (or get a reply of their own when no card went out yet). A message
 * without paper links, or whose papers cannot be found, gets no reply. Each post carries a nonce made from the
 * message's id, so a message delivered twice is answered once.
 *
 * @example
 * const onMessage = createMessageCards({ bot, rest, now });
 * client = createGatewayClient({ ..., messageContent: true, onMessage });
 */
export function createMessageCards(options: MessageCardsOptions) {
  const { bot, rest, now } = options;
  const log = bot.logger.child({ component: 'discord-message-cards' });
  const limit = concurrencyLimit(AT_ONCE);
  let inFlight = 0;

  const reference = (message: GuildMessage) => ({
    message_id: message.id,
    channel_id: message.channel_id,
    guild_id: message.guild_id,
    fail_if_not_exists: false,
  });

  /** Posts the cards as replies (the first references the message); the first's id and channel. */
  async function reply(
    channel: ChannelRef,
    message: GuildMessage,
    cards: LinkCard[],
    urls: string[],
    round: string,
  ): Promise<string | null> {
    const { parts, messages } = linkCardMessages(linkCardsCard(cards, urls));
    let firstId: string | null = null;
    for (const [index, body] of messages.entries()) {
      const sent = (await rest.post(Routes.channelMessages(message.channel_id), {
        body: {
          ...body,
          ...(index === 0 ? { message_reference: reference(message) } : {}),
          nonce: postNonce(`cards:${message.channel_id}:${message.id}:${round}`, index),
          enforce_nonce: true,
        },
      })) as { id?: string };
      if (index === 0 && typeof sent.id === 'string') firstId = sent.id;
      await recordCardsMessage(bot, channel, parts[index], sent, now());
    }
    return firstId;
  }

  /** Draws the reply again with every card (the looked-up ones added); more than one message's worth is replied. */
  async function extend(
    channel: ChannelRef,
    message: GuildMessage,
    replyId: string,
    cards: LinkCard[],
    urls: string[],
  ) {
    const { parts, messages } = linkCardMessages(linkCardsCard(cards, urls));
    const [first] = messages;
    if (!first || messages.length > 1) {
      await reply(channel, message, cards, urls, 'later');
      return;
    }
    const sent = await rest.patch(Routes.channelMessage(message.channel_id, replyId), { body: first });
    await recordCardsMessage(bot, channel, parts[0], sent, now());
  }

  async function answer(message: GuildMessage, urls: string[]) {
    const channel: ChannelRef = {
      platform: 'discord',
      workspaceId: message.guild_id,
      channelId: message.channel_id,
    };
    const sharer = sharerOf(message, message.guild_id);
    const shared = { channel, urls, now: now(), ...(sharer ? { message: sharer } : {}) };
    const { ready, later } = await limit(() => linkCards(bot, shared));
    const replyId = ready.length > 0 ? await reply(channel, message, ready, urls, 'now') : null;
    if (!later) return;
    const found = await later;
    if (found.length === 0) return;
    if (replyId) await extend(channel, message, replyId, [...ready, ...found], urls);
    else await reply(channel, message, found, urls, 'later');
  }

  return async function onMessage(message: GuildMessage): Promise<void> {
    const urls = messagePaperUrls(message);
    if (urls.length === 0) return;
    if (inFlight >= MAX_IN_FLIGHT) {
      log.warn('too many messages waiting for paper cards; this one gets none', { inFlight });
      return;
    }
    inFlight += 1;
    try {
      await answer(message, urls);
    } catch (error) {
      const code = error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;
      const fields = { channel: message.channel_id, error };
      // A channel paperboy may read but not post in is the server's choice, not a fault.
      if (code !== null && PERMANENT_CODES.has(code))
        log.info('could not reply to a message with its paper cards', fields);
      else log.warn('could not reply to a message with its paper cards', fields);
    } finally {
      inFlight -= 1;
    }
  };
}
