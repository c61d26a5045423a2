import type { App, RespondArguments, RespondFn } from '@slack/bolt';
import { answerInTime } from '../../core/bot/answer-in-time.js';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { handleText } from '../../core/bot/handle-command.js';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { Reply } from '../../core/cards/card.js';
import { withFallback } from '../../core/cards/card-fallback.js';
import type { ChannelRef } from '../../core/channel.js';
import { parseCommand } from '../../core/commands/parse-command.js';
import type { Logger } from '../../core/logger.js';
import { CHANGING_COMMANDS, isWorkspaceAdmin } from './admin-check.js';
import { renderCard, type SlackMessage } from './blocks.js';
import { isBotInChannel, NOT_IN_CHANNEL_NOTICE, SCHEDULING_COMMANDS } from './channel-membership.js';

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
 * and the whole answer follows through `response_url` when it is ready.
 */
export function registerPapersCommand(app: App, options: CommandListenerOptions): void {
  const log = options.logger.child({ listener: 'command' });
  app.command('/papers', async ({ command, ack, respond, client }) => {
    const channel: ChannelRef = {
      platform: 'slack',
      workspaceId: command.team_id,
      channelId: command.channel_id,
    };
    const inTime = answerInTime<Reply>(options.bot, options.ackBudgetMs);
    const work = answer(options, channel, command.text ?? '', {
      isAdmin: () => isWorkspaceAdmin(client, command.user_id),
      isMember: () => isBotInChannel(client, command.channel_id),
    }).catch((error: unknown): Reply => {
      log.error('answering /papers failed', { error });
      const card = noticeCard({
        tone: 'error',
        text: 'Something went wrong on our side. Please try again in a minute.',
      });
      return { card, visibility: 'ephemeral' };
    });
    const ready = await inTime(work);
    if (ready) {
      const [first, ...rest] = renderCard(ready.card);
      await ack(first ? toResponse(first, ready.visibility) : undefined);
      await sendAll(respond, rest, ready.visibility, RESPONSE_URL_POSTS - 1, log);
      return;
    }
    await ack();
    const reply = await work;
    await sendAll(respond, renderCard(reply.card), reply.visibility, RESPONSE_URL_POSTS, log);
  });
}

async function sendAll(
  respond: RespondFn,
  messages: SlackMessage[],
  visibility: Reply['visibility'],
  max: number,
  log: Logger,
): Promise<void> {
  if (messages.length > max)
    log.warn('answer longer than response_url allows; the end is left out', { messages: messages.length });
  for (const message of messages.slice(0, max)) {
    try {
      await respond(toResponse(message, visibility));
    } catch (error) {
      log.warn('could not answer through response_url', { error });
      return;
    }
  }
}

/** The core's answer, after the admin check for commands that change things when `adminOnly`. */
async function answer(
  options: CommandListenerOptions,
  channel: ChannelRef,
  text: string,
  slack: { isAdmin: () => Promise<boolean>; isMember: () => Promise<boolean | null> },
): Promise<Reply> {
  const parsed = parseCommand(text);
  if (options.adminOnly && parsed.ok && CHANGING_COMMANDS.has(parsed.value.kind)) {
    const allowed = await slack.isAdmin().catch((error: unknown) => {
      options.logger.warn('users.info failed; treating the user as not an admin', { error });
      return false;
    });
    if (!allowed) {
      const card = noticeCard(
        {
          tone: 'warning',
          text: "Only workspace admins and owners can change paperboy's settings and subscriptions in this workspace. Ask one of them, or look at the current settings:",
          example: '/papers settings',
        },
        'Admins only',
      );
      return { card, visibility: 'ephemeral' };
    }
  }
  const reply = await handleText(options.bot, { channel, now: options.now() }, text);
  const succeeded = !reply.card.notices.some((notice) => notice.tone === 'error');
  if (!parsed.ok || !SCHEDULING_COMMANDS.has(parsed.value.kind) || !succeeded) return reply;
  if ((await slack.isMember()) !== false) return reply;
  const { fallback: _, ...body } = reply.card;
  return { ...reply, card: withFallback({ ...body, notices: [...body.notices, NOT_IN_CHANNEL_NOTICE] }) };
}
