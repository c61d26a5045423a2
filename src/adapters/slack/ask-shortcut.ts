import type { App, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { answerQuestion } from '../../core/questions/answer-question.js';
import { channelAccess } from './channel-access.js';
import { postAnswer } from './post-answer.js';
import { slackErrorCode } from './slack-errors.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import type { ListenerOptions } from './view-listener-options.js';
import { input, modal, plain } from './view-parts.js';
import { textIn } from './view-state.js';

/** The modal's one field. */
export const QUESTION_BLOCK = 'question';
const QUESTION_MAX = 1_000;
const TS = /^\d{1,12}\.\d{1,8}$/;
/** A channel's id, by its shape only: what guards the answer is the asker's membership, checked on submit. */
const CHANNEL = /^[CGD][A-Z0-9]{1,30}$/;

/** Where the answer goes: the channel and the thread of the message the shortcut ran on. */
const askMetadataSchema = z.object({
  channel: z.string().regex(CHANNEL),
  thread: z.string().regex(TS),
});
type AskMetadata = z.infer<typeof askMetadataSchema>;

function readMetadata(text: string | undefined): AskMetadata | null {
  try {
    const parsed = askMetadataSchema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The question modal: a text field, and where the answer will be posted (in `metadata`). */
export const askModal = (metadata: AskMetadata) =>
  modal({
    callbackId: VIEW_CALLBACKS.askForm,
    title: 'Ask paperboy',
    submit: 'Ask',
    metadata: JSON.stringify(metadata),
    blocks: [
      input(
        QUESTION_BLOCK,
        'Your question about this paper',
        {
          type: 'plain_text_input',
          action_id: 'text',
          multiline: true,
          max_length: QUESTION_MAX,
          placeholder: plain('What dataset do they train on?'),
        },
        {
          hint: 'The answer is posted in the thread. In a digest, start with the paper’s number: 2 what dataset?',
        },
      ),
    ],
  });

/**
 * The message shortcut "Ask paperboy" (Slack lets no slash command run in a thread, so this is `/papers ask` of a
 * thread): on a paper paperboy posted, or any message of its thread, it opens a modal for the question; the
 * answer is posted in that thread, as for `@paperboy`. The modal names its channel and thread in values a client
 * can change, so the asker must be a member of that channel; a forged or unreadable one posts nothing.
 */
export function registerAskShortcut(app: App, options: ListenerOptions): void {
  const log = options.logger.child({ listener: 'ask-shortcut' });
  app.shortcut<MessageShortcut>(VIEW_CALLBACKS.ask, async ({ ack, shortcut, client }) => {
    await ack();
    const message = shortcut.message as { ts?: string; thread_ts?: string };
    const thread = message.thread_ts ?? message.ts ?? '';
    const parsed = askMetadataSchema.safeParse({ channel: shortcut.channel.id, thread });
    if (!parsed.success) {
      log.warn('a message shortcut paperboy cannot read; ignored', { channel: shortcut.channel.id });
      return;
    }
    await client.views
      .open({ trigger_id: shortcut.trigger_id, view: askModal(parsed.data) })
      .catch((error: unknown) =>
        log.error('could not open the question modal', { error, code: slackErrorCode(error) }),
      );
  });

  app.view<ViewSubmitAction>(VIEW_CALLBACKS.askForm, async ({ ack, body, view, client, context }) => {
    const metadata = readMetadata(view.private_metadata);
    const question = textIn(view.state.values, QUESTION_BLOCK)?.trim() ?? '';
    if (question === '') {
      await ack({ response_action: 'errors', errors: { [QUESTION_BLOCK]: 'Type your question first.' } });
      return;
    }
    await ack();
    const workspaceId = body.team?.id ?? context.teamId;
    const questions = options.bot.questions;
    if (!metadata || !workspaceId || !questions) {
      log.warn('a question modal paperboy cannot read; nothing posted', { viewId: view.id });
      return;
    }
    const access = await channelAccess(
      client,
      { userId: body.user.id, channelId: metadata.channel, adminOnly: false },
      log,
    ).catch(() => 'unknown' as const);
    if (access !== 'allowed') {
      log.warn('a question for a channel its asker is not in; nothing posted', {
        channel: metadata.channel,
        access,
      });
      return;
    }
    const reply = await answerQuestion(questions, {
      channel: { platform: 'slack', workspaceId, channelId: metadata.channel },
      threadMessageId: metadata.thread,
      text: question,
      userId: body.user.id,
      dedupeKey: `slack:view:${view.id}`,
      now: options.now(),
    });
    if (reply)
      await postAnswer(
        client,
        { channel: metadata.channel, user: body.user.id, threadTs: metadata.thread },
        reply,
        log,
      );
  });
}
