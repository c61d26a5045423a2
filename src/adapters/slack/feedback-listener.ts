import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { handleFeedback } from '../../core/bot/handle-command.js';
import type { Logger } from '../../core/logger.js';
import { FEEDBACK_ACTION_ID, renderCard } from './blocks.js';
import { toResponse } from './command-listener.js';

/** The value a feedback control sent: the chosen option of the menu (or a button's value). */
const chosenValue = (action: OverflowAction | ButtonAction): string =>
  action.type === 'overflow' ? (action.selected_option?.value ?? '') : (action.value ?? '');

/**
 * A paper's 👍 👎 🔖 menu: acks at once, records the click through the core (which refuses a value that is not
 * ours, or a paper it does not store, with "that button no longer works"), and confirms to the clicker alone,
 * through `response_url`, in a message of its own: the original message is never replaced. Its counts are
 * redrawn by the count redrawer, at most every few seconds, not by the click.
 */
export function registerFeedbackActions(
  app: App,
  options: { bot: BotDependencies; now: () => Date; logger: Logger },
): void {
  const log = options.logger.child({ listener: 'feedback' });
  app.action<BlockAction<OverflowAction | ButtonAction>>(
    FEEDBACK_ACTION_ID,
    async ({ ack, body, action, respond }) => {
      await ack();
      const workspaceId = body.team?.id ?? body.user.team_id ?? '';
      const channelId = body.channel?.id ?? body.container?.channel_id ?? '';
      if (workspaceId === '' || channelId === '') {
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
