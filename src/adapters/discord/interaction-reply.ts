import { type REST, Routes } from 'discord.js';
import { answerInTime } from '../../core/bot/answer-in-time.js';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { Reply, ReplyFile } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';
import type { Logger } from '../../core/logger.js';
import type { ButtonCodec } from './buttons.js';
import { withDiscordExamples } from './discord-examples.js';
import { type CardPart, type DiscordMessage, renderPart, replyParts } from './embeds.js';
import { type Respond, ResponseType } from './interaction-types.js';
import { EPHEMERAL, DISCORD_LIMITS as L } from './limits.js';
import { postedCard } from './posted-part.js';

/** One message of an answer, as an interaction response, an edit of `@original` or a follow-up takes it. */
export type ReplyBody = DiscordMessage & { flags: number };

/** The interaction being answered: its token (for edits and follow-ups), its channel, what it allows. */
export interface ReplyTarget {
  token: string;
  channel: ChannelRef;
  /** The largest attachment Discord takes in this answer (the interaction's `attachment_size_limit`). */
  attachmentLimit?: number;
}

/** `update`: the answer replaces the message the button is on (Next); `ephemeral`: the flags of a deferral. */
export interface ReplyMode {
  update: boolean;
  ephemeral: boolean;
}

/** `2.4 MB`, `300 KB`: a size as the user reads it. */
const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/**
 * Sends the core's replies to Discord. A reply ready within `deferAfterMs` is the initial response; otherwise a
 * deferral goes first and `@original` is edited when the answer is ready. Two kinds of answer always take the
 * deferral and the edit, because only REST can carry them: one with a file (an export, attached as `files[0]`
 * of a multipart edit; the HTTP response to Discord is JSON), and one posted to the channel with feedback
 * controls (the edit returns the message's id, recorded so the redrawer can draw its counts again). An answer
 * longer than one message (a long digest) continues in follow-up messages.
 */
export function createReplySender(options: {
  bot: BotDependencies;
  rest: REST;
  applicationId: string;
  buttons: ButtonCodec;
  deferAfterMs: number;
  now: () => Date;
}) {
  const { bot, rest, applicationId, buttons, deferAfterMs, now } = options;
  const log: Logger = bot.logger.child({ component: 'discord-replies' });
  const original = (token: string) => Routes.webhookMessage(applicationId, token, '@original');

  /** The reply's messages: the card's parts, the first with Next and Share when only the asker sees it. */
  function render(reply: Reply): { parts: CardPart[]; messages: ReplyBody[] } {
    const card = withDiscordExamples(reply.card);
    const ephemeral = reply.visibility === 'ephemeral';
    const actions = ephemeral ? buttons.components(card.actions) : [];
    const parts = replyParts(card);
    const messages = parts.map((part, index) => {
      const own = index === 0 ? actions : [];
      const message = renderPart(part, { reservedRows: own.length });
      return {
        ...message,
        components: [...(message.components ?? []), ...own],
        flags: ephemeral ? EPHEMERAL : 0,
      };
    });
    return { parts, messages };
  }

  /** Only REST can send it: a file, or a channel message whose id must be known to redraw its counts. */
  const needsEdit = (reply: Reply, mode: ReplyMode): boolean =>
    !mode.update && (reply.file !== undefined || recordable(reply));
  const recordable = (reply: Reply): boolean =>
    reply.visibility === 'channel' && reply.card.feedback === true && bot.postedMessages !== undefined;

  async function record(target: ReplyTarget, reply: Reply, part: CardPart | undefined, sent: unknown) {
    const messageId = (sent as { id?: unknown } | null)?.id;
    if (!recordable(reply) || !part || part.card.items.length === 0 || typeof messageId !== 'string') return;
    try {
      await bot.postedMessages?.record(
        {
          channel: target.channel,
          messageId,
          card: postedCard(part, target.channel.channelId),
          perPaper: false,
        },
        now(),
      );
    } catch (error) {
      log.warn('could not record an answer posted to the channel; its counts will not be redrawn', {
        error,
      });
    }
  }

  async function followUps(target: ReplyTarget, reply: Reply, parts: CardPart[], messages: ReplyBody[]) {
    for (const [index, message] of messages.entries()) {
      const sent = await rest.post(Routes.webhook(applicationId, target.token), {
        body: message,
        query: new URLSearchParams({ wait: 'true' }),
        auth: false,
      });
      await record(target, reply, parts[index], sent);
    }
  }

  /** Edits `@original` with the file attached; a file Discord would refuse is replaced by a notice saying why. */
  async function editWithFile(target: ReplyTarget, body: Omit<ReplyBody, 'flags'>, file: ReplyFile) {
    const data = Buffer.from(file.content, 'utf8');
    const limit = target.attachmentLimit ?? L.attachmentBytes;
    if (data.length > limit) {
      const text = `The file is ${size(data.length)}, more than the ${size(limit)} Discord takes here. Export part of the list with since: or by:.`;
      return rest.patch(original(target.token), { body: noticeBody(text), auth: false });
    }
    try {
      return await rest.patch(original(target.token), {
        body: { ...body, attachments: [{ id: 0, filename: file.name }] },
        files: [{ name: file.name, data, contentType: file.mimeType }],
        auth: false,
      });
    } catch (error) {
      log.warn('Discord refused the export file; told the user', {
        error,
        file: file.name,
        bytes: data.length,
      });
      return rest.patch(original(target.token), {
        body: noticeBody(`Discord did not take the file ${file.name}. Please try again in a minute.`),
        auth: false,
      });
    }
  }

  const noticeBody = (text: string) => {
    const { flags: _flags, ...body } = render({
      card: noticeCard({ tone: 'warning', text }),
      visibility: 'ephemeral',
      outcome: 'failed',
    }).messages[0] as ReplyBody;
    return body;
  };

  /** Sends the ready reply through REST: the edit of `@original` (with its file), then any follow-ups. */
  async function sendByEdit(target: ReplyTarget, reply: Reply, mode: ReplyMode) {
    const { parts, messages } = render(reply);
    const [first, ...more] = messages;
    if (!first) return;
    const { flags: _flags, ...edit } = first;
    const sent =
      reply.file && !mode.update
        ? await editWithFile(target, edit, reply.file)
        : await rest.patch(original(target.token), { body: edit, auth: false });
    await record(target, reply, parts[0], sent);
    if (!mode.update) await followUps(target, reply, parts.slice(1), more);
  }

  return {
    /** The message bodies of a reply (for answers that are not worth a deferral, such as a refusal). */
    bodies: (reply: Reply): ReplyBody[] => render(reply).messages,

    /** Responds with the reply if it is ready in time, else defers and edits the original when it is. */
    async answer(start: () => Promise<Reply>, target: ReplyTarget, respond: Respond, mode: ReplyMode) {
      const inTime = answerInTime<Reply>(bot, deferAfterMs);
      const work = start();
      const first = await inTime(work);
      if (first && !needsEdit(first, mode)) {
        const { messages } = render(first);
        const [message, ...more] = messages;
        if (!message) return;
        // An update edits the message the button is on, which keeps its own flags (ephemeral or not).
        const { flags: _flags, ...edit } = message;
        await respond(
          mode.update
            ? { type: ResponseType.Update, data: edit }
            : { type: ResponseType.Message, data: message },
        );
        if (!mode.update && more.length > 0) await followUps(target, first, [], more);
        return;
      }
      const ephemeral = first ? first.visibility === 'ephemeral' : mode.ephemeral;
      await respond(
        mode.update
          ? { type: ResponseType.DeferredUpdate }
          : { type: ResponseType.Deferred, data: { flags: ephemeral ? EPHEMERAL : 0 } },
      );
      await sendByEdit(target, first ?? (await work), mode);
    },
  };
}

export type ReplySender = ReturnType<typeof createReplySender>;
