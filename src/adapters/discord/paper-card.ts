import { DiscordAPIError, type REST, Routes } from 'discord.js';
import { answerInTime } from '../../core/bot/answer-in-time.js';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { type LinkCard, type LinkCards, linkCards } from '../../core/bot/link-cards.js';
import { apology } from '../../core/bot/replies.js';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { Card, ReplyOutcome } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';
import { type CardPart, type DiscordMessage, renderReply } from './embeds.js';
import type { DiscordMessageSeen, MessageCommandData } from './interaction-schema.js';
import { type Respond, ResponseType } from './interaction-types.js';
import { EPHEMERAL } from './limits.js';
import {
  linkCardMessages,
  linkCardsCard,
  messagePaperUrls,
  NO_PAPER_LINKS,
  NO_PAPERS_FOUND,
  recordCardsMessage,
  sharerOf,
} from './link-card-messages.js';

export interface PaperCardOptions {
  bot: BotDependencies;
  rest: REST;
  applicationId: string;
  /** How long the stored cards may take before the answer is deferred (see `createInteractionHandler`). */
  deferAfterMs: number;
  now: () => Date;
}

/** What the answer needs of the interaction: its token, and the guild the message is in. */
export interface PaperCardTarget {
  token: string;
  guildId: string;
  channel: ChannelRef;
}

/** Discord's code for a message it does not have (yet, right after an HTTP answer). */
const UNKNOWN_MESSAGE = 10008;
/** Waits before asking again for the message an HTTP answer made (Discord makes it once it has read ours). */
const ORIGINAL_RETRIES_MS = [0, 300, 1000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A short answer only the person who ran the command sees. */
const privately = (said: string | Card): DiscordMessage & { flags: number } => ({
  ...renderReply(typeof said === 'string' ? noticeCard({ tone: 'info', text: said }) : said),
  flags: EPHEMERAL,
});

/**
 * The "Paper card" message command: the cards of the paper links in the message it was run on, in the channel
 * for everyone (the person who ran it chose to show them), with each paper's 👍 👎 🔖 controls, and the papers
 * recorded as shared by the message's author. Stored papers are answered at once (type 4); when some must be
 * looked up on arXiv the answer is deferred (type 5) and `@original` edited with every card once they are in.
 * A message without paper links, or whose papers cannot be found, gets a short answer only the asker sees:
 * after a deferral (which is public) the deferred message is deleted and the answer is an ephemeral follow-up.
 * A message of cards is recorded, so its counts are redrawn when people vote.
 */
export function createPaperCardAnswer(options: PaperCardOptions) {
  const { bot, rest, applicationId, now } = options;
  const log = bot.logger.child({ component: 'discord-paper-card' });
  const original = (token: string) => Routes.webhookMessage(applicationId, token, '@original');

  const observe = (outcome: ReplyOutcome, started: number) =>
    bot.observer?.commandAnswered({
      platform: 'discord',
      command: 'paperCard',
      outcome,
      durationMs: Date.now() - started,
    });

  const followUp = (token: string, body: object) =>
    rest.post(Routes.webhook(applicationId, token), {
      body,
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    });

  /**
   * Reads (`get`) or deletes `@original`: Discord has the message once it has read the answer, which over HTTP may
   * be a moment after paperboy sent it, so an Unknown Message is asked again. Null when it never came.
   */
  async function onOriginal(token: string, action: 'get' | 'delete'): Promise<unknown> {
    for (const wait of ORIGINAL_RETRIES_MS) {
      await sleep(wait);
      try {
        return await rest[action](original(token), { auth: false });
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE)) throw error;
      }
    }
    return null;
  }

  async function recordSent(target: PaperCardTarget, part: CardPart | undefined, sent: unknown) {
    await recordCardsMessage(bot, target.channel, part, sent, now());
  }

  /** The deferred answer is replaced by a short one for the asker alone. */
  async function answerPrivatelyAfterDeferral(token: string, said: string | Card) {
    await onOriginal(token, 'delete').catch((error: unknown) => {
      log.warn('could not delete the deferred answer of a paper card', { error });
    });
    await followUp(token, privately(said));
  }

  async function sendCards(
    target: PaperCardTarget,
    cards: LinkCard[],
    urls: string[],
    deferred: boolean,
    respond: Respond,
  ) {
    const { parts, messages } = linkCardMessages(linkCardsCard(cards, urls));
    const [first, ...more] = messages;
    if (!first) return;
    if (deferred) {
      const sent = await rest.patch(original(target.token), { body: first, auth: false });
      await recordSent(target, parts[0], sent);
    } else {
      await respond({ type: ResponseType.Message, data: { ...first, flags: 0 } });
      const sent = await onOriginal(target.token, 'get').catch((error: unknown) => {
        log.warn('could not read back a paper card answer; its counts will not be redrawn', { error });
        return null;
      });
      await recordSent(target, parts[0], sent);
    }
    for (const [index, message] of more.entries()) {
      const sent = await followUp(target.token, { ...message, flags: 0 });
      await recordSent(target, parts[index + 1], sent);
    }
  }

  return async function answer(
    target: PaperCardTarget,
    data: MessageCommandData,
    respond: Respond,
  ): Promise<void> {
    const started = Date.now();
    const message = data.resolved.messages[data.target_id] as DiscordMessageSeen;
    const urls = messagePaperUrls(message);
    if (urls.length === 0) {
      observe('user_error', started);
      return respond({ type: ResponseType.Message, data: privately(NO_PAPER_LINKS) });
    }
    const sharer = sharerOf(message, target.guildId);
    const shared = { channel: target.channel, urls, now: now(), ...(sharer ? { message: sharer } : {}) };
    const inTime = answerInTime<LinkCards>(bot, options.deferAfterMs);
    const work = bot.answerLimit ? bot.answerLimit(() => linkCards(bot, shared)) : linkCards(bot, shared);
    /** How far the answer got: nothing sent, the deferral, or the answer itself. */
    const progress: { sent: 'nothing' | 'deferral' | 'answer' } = { sent: 'nothing' };
    const responding: Respond = async (response) => {
      await respond(response);
      progress.sent = response.type === ResponseType.Deferred ? 'deferral' : 'answer';
    };
    try {
      const first = await inTime(work);
      if (first && first.later === null) {
        if (first.ready.length === 0) {
          observe('user_error', started);
          return await responding({ type: ResponseType.Message, data: privately(NO_PAPERS_FOUND) });
        }
        await sendCards(target, first.ready, urls, false, responding);
        return observe('ok', started);
      }
      // Public: the cards are for the channel. Should none come, the deferral is deleted (see above).
      await responding({ type: ResponseType.Deferred, data: { flags: 0 } });
      const { ready, later } = first ?? (await work);
      const cards = [...ready, ...(later ? await later : [])];
      if (cards.length === 0) {
        await answerPrivatelyAfterDeferral(target.token, NO_PAPERS_FOUND);
        return observe('user_error', started);
      }
      await sendCards(target, cards, urls, true, responding);
      observe('ok', started);
    } catch (error) {
      log.error('could not answer a paper card', { error });
      observe('failed', started);
      const sorry = apology().card;
      if (progress.sent === 'deferral') await answerPrivatelyAfterDeferral(target.token, sorry);
      else if (progress.sent === 'nothing')
        await respond({ type: ResponseType.Message, data: privately(sorry) });
    }
  };
}

export type PaperCardAnswer = ReturnType<typeof createPaperCardAnswer>;
