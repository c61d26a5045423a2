import type { App, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import { answerInTime } from '../../core/bot/answer-in-time.js';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { handleText } from '../../core/bot/handle-command.js';
import type { Reply, ReplyFile } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';
import type { Logger } from '../../core/logger.js';
import { renderCard, type SlackMessage } from './blocks.js';
import { type UploadTarget, uploadReplyFile } from './export-upload.js';
import { slackCommandHooks } from './slack-checks.js';

export interface CommandListenerOptions {
  bot: BotDependencies;
  now: () => Date;
  logger: Logger;
  /** `SLACK_ADMIN_ONLY`: only workspace admins and owners may change settings and subscriptions. */
  adminOnly: boolean;
  /**
   * An answer ready within this time goes in the ack; a later one goes through `response_url`. A command that
   * would wait for an answer slot is acked at once.
   */
  ackBudgetMs: number;
}

/** A rendered message as a slash-command response (the ack body, or a `response_url` post). */
export function toResponse(message: SlackMessage, visibility: Reply['visibility']): RespondArguments {
  return {
    response_type: visibility === 'channel' ? 'in_channel' : 'ephemeral',
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Slack takes at most five posts per `response_url`. */
const RESPONSE_URL_POSTS = 5;

/**
 * `/papers <text>`: always acks well inside Slack's 3 s. The core's answer goes in the ack when it is ready
 * within `ackBudgetMs` (the first message; any further ones through `response_url`); otherwise the ack is empty
 * and the whole answer follows through `response_url` when it is ready. A file that comes with the answer (a
 * reading-list export) is uploaded after it.
 */
export function registerPapersCommand(app: App, options: CommandListenerOptions): void {
  const log = options.logger.child({ listener: 'command' });
  app.command('/papers', async ({ command, ack, respond, client }) => {
    const channel: ChannelRef = {
      platform: 'slack',
      workspaceId: command.team_id,
      channelId: command.channel_id,
    };
    const hooks = slackCommandHooks({
      client,
      userId: command.user_id,
      channelId: command.channel_id,
      adminOnly: options.adminOnly,
      logger: log,
    });
    const inTime = answerInTime<Reply>(options.bot, options.ackBudgetMs);
    const work = handleText(
      options.bot,
      { channel, now: options.now(), userId: command.user_id },
      command.text ?? '',
      hooks,
    );
    const ready = await inTime(work);
    const target = { channelId: command.channel_id, userId: command.user_id };
    if (ready) {
      const [first, ...rest] = renderCard(ready.card);
      await ack(first ? toResponse(first, ready.visibility) : undefined);
      const sent = await sendAll(respond, rest, ready.visibility, RESPONSE_URL_POSTS - 1, log);
      if (ready.file) await sendFile(client, ready.file, target, respond, sent < RESPONSE_URL_POSTS - 1, log);
      return;
    }
    await ack();
    const reply = await work;
    const sent = await sendAll(respond, renderCard(reply.card), reply.visibility, RESPONSE_URL_POSTS, log);
    if (reply.file) await sendFile(client, reply.file, target, respond, sent < RESPONSE_URL_POSTS, log);
  });
}

/**
 * Uploads the answer's file (a reading-list export); if that fails, tells the user in a message only they see
 * (when `response_url` has a post left), and nothing else is affected.
 */
async function sendFile(
  client: webApi.WebClient,
  file: ReplyFile,
  target: UploadTarget,
  respond: RespondFn,
  canRespond: boolean,
  log: Logger,
): Promise<void> {
  const failure = await uploadReplyFile(client, file, target, log);
  const [message] = failure ? renderCard(failure) : [];
  if (message && canRespond) await sendAll(respond, [message], 'ephemeral', 1, log);
}

/** Posts messages through `response_url`, at most `max`; returns how many went out. */
async function sendAll(
  respond: RespondFn,
  messages: SlackMessage[],
  visibility: Reply['visibility'],
  max: number,
  log: Logger,
): Promise<number> {
  if (messages.length > max)
    log.warn('answer longer than response_url allows; the end is left out', { messages: messages.length });
  let sent = 0;
  for (const message of messages.slice(0, max)) {
    try {
      await respond(toResponse(message, visibility));
      sent += 1;
    } catch (error) {
      log.warn('could not answer through response_url', { error });
      return sent;
    }
  }
  return sent;
}
