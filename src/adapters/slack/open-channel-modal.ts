import type { webApi } from '@slack/bolt';
import { ACCESS_REFUSALS, channelAccess } from './channel-access.js';
import { type ChannelModalKind, channelModal } from './channel-modals.js';
import { inModal } from './in-modal.js';
import type { ViewListenerOptions } from './view-listener-options.js';
import { noticeModal } from './view-parts.js';

const TITLES: Record<ChannelModalKind, string> = {
  settings: 'paperboy settings',
  schedule: 'Digest schedule',
  subscriptions: 'Subscriptions',
};

/**
 * Opens a channel's modal for the person who clicked: a "working on it" modal at once (the click's `trigger_id`
 * lasts 3 seconds, and checking membership can take longer), then the channel's modal, or, when they may not
 * change that channel, why not; a failure is logged and the modal says sorry.
 */
export async function openChannelModal(
  client: webApi.WebClient,
  options: ViewListenerOptions,
  click: {
    triggerId: string;
    teamId: string;
    userId: string;
    channelId: string;
    kind: ChannelModalKind;
    homeOffset?: number;
  },
): Promise<void> {
  const { triggerId, teamId, userId, channelId, kind } = click;
  const log = options.logger.child({ modal: kind });
  await inModal(client, log, { triggerId, title: TITLES[kind] }, async () => {
    const access = await channelAccess(client, { userId, channelId, adminOnly: options.adminOnly }, log);
    if (access !== 'allowed')
      return noticeModal('Not allowed', { tone: 'warning', text: ACCESS_REFUSALS[access] });
    const ref = { platform: 'slack' as const, workspaceId: teamId, channelId };
    const metadata =
      click.homeOffset === undefined ? { channelId } : { channelId, homeOffset: click.homeOffset };
    return channelModal(options.bot, kind, ref, metadata);
  });
}
