import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { handleAction } from '../../core/bot/handle-command.js';
import type { Logger } from '../../core/logger.js';
import { ACTION_IDS, renderCard } from './blocks.js';
import { toResponse } from './command-listener.js';

const SLACK_USER = /^[UW][A-Z0-9]{1,30}$/;

/**
 * The buttons of a search answer: "Next" replaces the ephemeral answer with the next page; "Share in channel"
 * posts the page for everyone through the `response_url` (which works even where the bot was not invited),
 * saying who shared it. Both ack at once and answer when the core is done.
 */
export function registerCardActions(
  app: App,
  options: { bot: BotDependencies; now: () => Date; logger: Logger },
) {
  const log = options.logger.child({ listener: 'action' });
  const pattern = new RegExp(`^(${ACTION_IDS.nextPage}|${ACTION_IDS.share})(_\\d+)?$`);
  app.action<BlockAction<ButtonAction>>(pattern, async ({ ack, body, action, respond }) => {
    await ack();
    const kind = action.action_id.startsWith(ACTION_IDS.share) ? 'share' : 'nextPage';
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const channelId = body.channel?.id ?? body.container?.channel_id ?? '';
    const context = {
      channel: { platform: 'slack' as const, workspaceId: teamId, channelId },
      now: options.now(),
    };
    const reply = await handleAction(options.bot, context, { kind, value: action.value ?? '' });
    const shareable = kind === 'share' && reply.visibility === 'channel';
    // What is shared for everyone carries no buttons: Next and Share belong to the person who searched.
    const messages = renderCard(shareable ? { ...reply.card, actions: [] } : reply.card).slice(0, 5);
    try {
      for (const [index, message] of messages.entries()) {
        const shared = shareable && index === 0;
        const blocks =
          shared && SLACK_USER.test(body.user.id)
            ? [
                ...message.blocks,
                {
                  type: 'context' as const,
                  elements: [{ type: 'mrkdwn' as const, text: `Shared by <@${body.user.id}>` }],
                },
              ]
            : message.blocks;
        const response = toResponse({ ...message, blocks }, reply.visibility);
        await respond({ ...response, replace_original: kind === 'nextPage' && index === 0 });
      }
    } catch (error) {
      log.warn('could not answer a button through response_url', { error, kind });
    }
  });
}
