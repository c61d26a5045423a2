import type { types } from '@slack/bolt';
import { VIEW_CALLBACKS } from './view-ids.js';
import { input, modal } from './view-parts.js';

export const PICKED_CHANNEL_BLOCK = 'channel';

/**
 * The first step of the "paperboy settings" shortcut: which channel to change. Only public and private channels
 * are offered (no DMs, no bots); the next step is that channel's settings modal.
 */
export function channelPickerModal(): types.ModalView {
  return modal({
    callbackId: VIEW_CALLBACKS.pickChannel,
    title: 'paperboy settings',
    submit: 'Next',
    blocks: [
      input(PICKED_CHANNEL_BLOCK, 'Channel', {
        type: 'conversations_select',
        action_id: 'channel',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        placeholder: { type: 'plain_text', text: 'Pick a channel' },
      }),
    ],
  });
}
