import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from './blocks.js';
import { isChannelId } from './modal-metadata.js';
import { openChannelModal } from './open-channel-modal.js';
import type { ViewListenerOptions } from './view-listener-options.js';

/** The "Edit settings" button under `/papers settings` (an ephemeral answer in the channel): its settings modal. */
export function registerEditSettingsButton(app: App, options: ViewListenerOptions): void {
  const log = options.logger.child({ listener: 'edit settings' });
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.editSettings, async ({ ack, body, client }) => {
    await ack();
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!isChannelId(channelId)) {
      log.warn('an Edit settings click without a channel; ignored');
      return;
    }
    await openChannelModal(client, options, {
      triggerId: body.trigger_id,
      teamId: body.team?.id ?? body.user.team_id ?? '',
      userId: body.user.id,
      channelId,
      kind: 'settings',
    });
  });
}
