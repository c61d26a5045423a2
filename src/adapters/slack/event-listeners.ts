import type { App } from '@slack/bolt';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { ChannelRef } from '../../core/channel.js';
import type { Logger } from '../../core/logger.js';
import type { ChannelStore } from '../../core/ports.js';
import { renderCard } from './blocks.js';

export const WELCOME_TEXT =
  'Hi! I bring research papers into this channel. Type /papers help for every command, /papers lora to search, or /papers subscribe lora and /papers schedule 09:00 Europe/Berlin for a daily digest.';

export interface EventListenerOptions {
  channels: ChannelStore;
  logger: Logger;
  /**
   * Forgets the installation (OAuth mode) of a workspace, or of a whole org for an org-wide uninstall, once it
   * uninstalled paperboy or revoked its token; returns the workspaces it served.
   */
  forgetInstallation?: (who: {
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
  }) => Promise<string[]>;
}

/**
 * Channel life cycle: the bot added to a channel posts a short welcome (and a channel deactivated earlier is
 * active again); `app_uninstalled` and `tokens_revoked` (of the bot's token) deactivate every channel of the
 * workspace, so no digest is attempted there any more.
 */
export function registerChannelEvents(app: App, options: EventListenerOptions): void {
  const log = options.logger.child({ listener: 'events' });

  app.event('member_joined_channel', async ({ event, context, client, body }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    const ref: ChannelRef = {
      platform: 'slack',
      workspaceId: event.team ?? context.teamId ?? body.team_id,
      channelId: event.channel,
    };
    const known = await options.channels.get(ref);
    // Slack retries an event it thinks we missed: welcome once.
    if (context.retryNum && known?.active) return;
    await options.channels.ensure(ref);
    if (known && !known.active) await options.channels.setActive(ref, true);
    const [message] = renderCard(
      noticeCard({ tone: 'info', text: WELCOME_TEXT, example: '/papers help' }, 'paperboy is here'),
    );
    if (!message) return;
    await client.chat.postMessage({
      channel: event.channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    log.info('joined a channel', { workspace: ref.workspaceId, channel: ref.channelId });
  });

  app.event('app_uninstalled', async ({ body }) => {
    await removeInstallation(options, removedFrom(body), 'app_uninstalled', log);
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await removeInstallation(options, removedFrom(body), 'tokens_revoked', log);
  });
}

/** Who removed paperboy: a workspace, or (org-wide installs send no `team_id`) an Enterprise Grid org. */
const removedFrom = (body: { team_id?: string; enterprise_id?: string }) => ({
  teamId: body.team_id || undefined,
  enterpriseId: body.enterprise_id || undefined,
});

/**
 * Forgets the installation and deactivates every channel of the workspaces it served, with the reason, so no
 * digest is attempted there any more.
 */
async function removeInstallation(
  options: EventListenerOptions,
  who: { teamId: string | undefined; enterpriseId: string | undefined },
  reason: string,
  log: Logger,
): Promise<void> {
  const workspaces = options.forgetInstallation
    ? await options.forgetInstallation(who)
    : who.teamId
      ? [who.teamId]
      : [];
  const removed = new Set(workspaces);
  const channels = (await options.channels.list()).filter(
    (channel) => channel.platform === 'slack' && removed.has(channel.workspaceId) && channel.active,
  );
  for (const channel of channels) await options.channels.setActive(channel, false, reason);
  log.warn('paperboy was removed; the channels it served are inactive', {
    ...(who.teamId ? { workspace: who.teamId } : {}),
    ...(who.enterpriseId ? { enterprise: who.enterpriseId } : {}),
    reason,
    workspaces: workspaces.length,
    channels: channels.length,
  });
}
