import type {
  App,
  GlobalShortcut,
  ViewOutput,
  ViewResponseAction,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { apology } from '../../core/bot/replies.js';
import type { Logger } from '../../core/logger.js';
import { ACCESS_REFUSALS, channelAccess } from './channel-access.js';
import { isBotInChannel } from './channel-membership.js';
import { channelModal } from './channel-modals.js';
import { channelPickerModal, PICKED_CHANNEL_BLOCK } from './channel-picker-modal.js';
import { isChannelId } from './modal-metadata.js';
import { slackErrorCode } from './slack-errors.js';
import { updateTo } from './submission-answer.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import type { ViewListenerOptions } from './view-listener-options.js';
import { noticeModal } from './view-parts.js';
import { conversationIn } from './view-state.js';

const NOT_IN_CHANNEL =
  'paperboy is not in that channel, so it could not post there. Invite it there with /invite @paperboy, then pick it again.';

/**
 * The global shortcut "paperboy settings": a modal to pick a channel, which then becomes that channel's settings
 * modal (`response_action: update`), once the person may change it and paperboy is in it; otherwise the pick is
 * answered with an error under the menu. A failure (Slack, the database) is logged and the modal says so.
 */
export function registerSettingsShortcut(app: App, options: ViewListenerOptions): void {
  const log = options.logger.child({ listener: 'shortcut' });
  app.shortcut<GlobalShortcut>(VIEW_CALLBACKS.shortcut, async ({ ack, shortcut, client }) => {
    await ack();
    await client.views
      .open({ trigger_id: shortcut.trigger_id, view: channelPickerModal() })
      .catch((error: unknown) =>
        log.error('could not open the channel picker', { error, code: slackErrorCode(error) }),
      );
  });

  app.view<ViewSubmitAction>(VIEW_CALLBACKS.pickChannel, async ({ ack, body, view, client }) => {
    const answer = await pickedChannel(options, { client, log, body, view }).catch((error: unknown) => {
      log.error('could not open the settings of a picked channel; the modal says so instead', { error });
      return updateTo(noticeModal('Not saved', apology().card));
    });
    await ack(answer);
  });
}

/** The picker's answer: the channel's settings modal, or an error under the menu. Only checks and one read. */
async function pickedChannel(
  options: ViewListenerOptions,
  request: { client: webApi.WebClient; log: Logger; body: ViewSubmitAction; view: ViewOutput },
): Promise<ViewResponseAction> {
  const { client, log, body, view } = request;
  const refuse = (text: string): ViewResponseAction => ({
    response_action: 'errors',
    errors: { [PICKED_CHANNEL_BLOCK]: text },
  });
  const channelId = conversationIn(view.state.values, PICKED_CHANNEL_BLOCK);
  if (!isChannelId(channelId)) return refuse('Pick a public or private channel.');
  const userId = body.user.id;
  const access = await channelAccess(client, { userId, channelId, adminOnly: options.adminOnly }, log);
  if (access !== 'allowed') return refuse(ACCESS_REFUSALS[access]);
  if ((await isBotInChannel(client, channelId)) === false) return refuse(NOT_IN_CHANNEL);
  const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
  const ref = { platform: 'slack' as const, workspaceId: teamId, channelId };
  return updateTo(await channelModal(options.bot, 'settings', ref, { channelId }));
}
