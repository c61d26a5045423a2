import type { App, GlobalShortcut, ViewSubmitAction } from '@slack/bolt';
import { ACCESS_REFUSALS, channelAccess } from './channel-access.js';
import { isBotInChannel } from './channel-membership.js';
import { channelModal } from './channel-modals.js';
import { channelPickerModal, PICKED_CHANNEL_BLOCK } from './channel-picker-modal.js';
import { isChannelId } from './modal-metadata.js';
import { updateTo } from './submission-answer.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import type { ViewListenerOptions } from './view-listener-options.js';
import { conversationIn } from './view-state.js';

const NOT_IN_CHANNEL =
  'paperboy is not in that channel, so it could not post there. Invite it there with /invite @paperboy, then pick it again.';

/**
 * The global shortcut "paperboy settings": a modal to pick a channel, which then becomes that channel's settings
 * modal (`response_action: update`), once the person may change it and paperboy is in it; otherwise the pick is
 * answered with an error under the menu.
 */
export function registerSettingsShortcut(app: App, options: ViewListenerOptions): void {
  const log = options.logger.child({ listener: 'shortcut' });
  app.shortcut<GlobalShortcut>(VIEW_CALLBACKS.shortcut, async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: channelPickerModal() });
  });

  app.view<ViewSubmitAction>(VIEW_CALLBACKS.pickChannel, async ({ ack, body, view, client }) => {
    const refuse = (text: string) =>
      ack({ response_action: 'errors', errors: { [PICKED_CHANNEL_BLOCK]: text } });
    const channelId = conversationIn(view.state.values, PICKED_CHANNEL_BLOCK);
    if (!isChannelId(channelId)) {
      await refuse('Pick a public or private channel.');
      return;
    }
    const userId = body.user.id;
    const access = await channelAccess(client, { userId, channelId, adminOnly: options.adminOnly }, log);
    if (access !== 'allowed') {
      await refuse(ACCESS_REFUSALS[access]);
      return;
    }
    if ((await isBotInChannel(client, channelId)) === false) {
      await refuse(NOT_IN_CHANNEL);
      return;
    }
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    const ref = { platform: 'slack' as const, workspaceId: teamId, channelId };
    await ack(updateTo(await channelModal(options.bot, 'settings', ref, { channelId })));
  });
}
