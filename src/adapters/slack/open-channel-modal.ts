import type { webApi } from '@slack/bolt';
import { ACCESS_REFUSALS, channelAccess } from './channel-access.js';
import { type ChannelModalKind, channelModal } from './channel-modals.js';
import type { ViewListenerOptions } from './view-listener-options.js';
import { noticeModal } from './view-parts.js';

/**
 * Opens a channel's modal for the person who clicked (`views.open` with the click's `trigger_id`), or, when they
 * may not change that channel, a modal that says why.
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
  const access = await channelAccess(
    client,
    { userId, channelId, adminOnly: options.adminOnly },
    options.logger,
  );
  const ref = { platform: 'slack' as const, workspaceId: teamId, channelId };
  const metadata =
    click.homeOffset === undefined ? { channelId } : { channelId, homeOffset: click.homeOffset };
  const view =
    access === 'allowed'
      ? await channelModal(options.bot, kind, ref, metadata)
      : noticeModal('Not allowed', { tone: 'warning', text: ACCESS_REFUSALS[access] });
  await client.views.open({ trigger_id: triggerId, view });
}
