import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { ChannelRef } from '../../core/channel.js';
import { answerQuestion } from '../../core/questions/answer-question.js';
import { postAnswer } from './post-answer.js';
import type { ListenerOptions } from './view-listener-options.js';

/** The fields of an `app_mention` event paperboy reads; other keys are tolerated. */
export const appMentionEventSchema = z.object({
  type: z.literal('app_mention'),
  user: z.string().min(1).max(255).optional(),
  bot_id: z.string().optional(),
  text: z.string().max(40_000),
  ts: z.string().min(1).max(255),
  channel: z.string().min(1).max(255),
  thread_ts: z.string().min(1).max(255).optional(),
});

/** `<@U0BOT>` and `<@U0BOT|paperboy>`: the mention that addressed paperboy, left out of the question. */
const mentionOf = (botUserId: string | undefined) =>
  botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;

/**
 * `app_mention`: `@paperboy <question>` in the thread of a paper paperboy posted (or naming a paper anywhere)
 * is answered in that thread, grounded in the paper. Replies only the asker needs (a limit reached, which paper
 * of a digest) are ephemeral in the thread. Slack's retries of the event carry the same `event_id` and are
 * answered once; a mention by a bot, or an event that does not validate, is dropped with a log line. Nothing
 * here throws into Bolt.
 */
export function registerMentions(app: App, options: ListenerOptions): void {
  const log = options.logger.child({ listener: 'mentions' });
  app.event('app_mention', async ({ event, body, context, client }) => {
    const questions = options.bot.questions;
    if (!questions) return;
    const parsed = appMentionEventSchema.safeParse(event);
    const workspaceId = body.team_id || context.teamId;
    if (!parsed.success || !workspaceId) {
      log.warn('an app_mention event paperboy cannot read; dropped', {
        eventId: body.event_id,
        problems: parsed.success
          ? ['no workspace']
          : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`),
      });
      return;
    }
    const mention = parsed.data;
    if (!mention.user || mention.bot_id) return;
    const channel: ChannelRef = { platform: 'slack', workspaceId, channelId: mention.channel };
    const reply = await answerQuestion(questions, {
      channel,
      threadMessageId: mention.thread_ts ?? null,
      text: mention.text.replace(mentionOf(context.botUserId), ' ').trim(),
      userId: mention.user,
      dedupeKey: `slack:${body.event_id}`,
      now: options.now(),
    });
    if (!reply) return;
    await postAnswer(
      client,
      { channel: mention.channel, user: mention.user, threadTs: mention.thread_ts ?? mention.ts },
      reply,
      log.child({ eventId: body.event_id }),
    );
  });
}
