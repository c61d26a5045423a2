import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import { handleFeedback } from '../../core/bot/handle-command.js';
import { FEEDBACK_ACTION_ID, renderCard } from './blocks.js';
import { toResponse } from './command-listener.js';
import type { ListenerOptions } from './view-listener-options.js';

/** The value a feedback control sent: the chosen option of the menu (or a button's value). */
const chosenValue = (action: OverflowAction | ButtonAction): string =>
  action.type === 'overflow' ? (action.selected_option?.value ?? '') : (action.value ?? '');

/** What Slack names the message composer in `link_shared`: a preview there belongs to no channel yet. */
const COMPOSER = 'COMPOSER';

/**
 * A paper's 👍 👎 🔖 menu, in paperboy's messages or in a link card under someone's message (an unfurl: its click
 * comes in a `message_attachment` container, with the channel it is in): acks at once, records the click through
 * the core (which refuses a value that is not ours, or a paper it does not store, with "that button no longer
 * works") as the vote of that channel, and confirms to the clicker alone, through `response_url`, in a message of
 * its own: the original message is never replaced. Its counts are redrawn by the count redrawer, at most every few
 * seconds, not by the click (a link card is not redrawn: it is not paperboy's message). A click without a
 * channel, or in a preview still in the composer, is ignored.
 */
export function registerFeedbackActions(app: App, options: ListenerOptions): void {
  const log = options.logger.child({ listener: 'feedback' });
  app.action<BlockAction<OverflowAction | ButtonAction>>(
    FEEDBACK_ACTION_ID,
    async ({ ack, body, action, respond }) => {
      await ack();
      const workspaceId = body.team?.id ?? body.user.team_id ?? '';
      const channelId = String(body.channel?.id ?? body.container?.channel_id ?? '');
      if (workspaceId === '' || channelId === '' || channelId === COMPOSER) {
        log.warn('a feedback click without a workspace or channel; ignored', { workspaceId, channelId });
        return;
      }
      const context = { channel: { platform: 'slack' as const, workspaceId, channelId }, now: options.now() };
      const reply = await handleFeedback(options.bot, context, {
        value: chosenValue(action),
        userId: body.user.id,
      });
      const [message] = renderCard(reply.card);
      if (!message) return;
      try {
        await respond({ ...toResponse(message, 'ephemeral'), replace_original: false });
      } catch (error) {
        log.warn('could not confirm a feedback click through response_url', {
          error,
          outcome: reply.outcome,
        });
      }
    },
  );
}
