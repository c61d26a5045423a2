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
  /** Forgets a workspace's installation (OAuth mode) once it uninstalled paperboy or revoked its token. */
  forgetWorkspace?: (teamId: string) => Promise<void>;
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
    await deactivateWorkspace(options, body.team_id, 'app_uninstalled', log);
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await deactivateWorkspace(options, body.team_id, 'tokens_revoked', log);
  });
}

/** Deactivates every channel of a Slack workspace with the reason, and forgets its installation. */
export async function deactivateWorkspace(
  options: EventListenerOptions,
  teamId: string,
  reason: string,
  log: Logger,
): Promise<number> {
  const channels = (await options.channels.list()).filter(
    (channel) => channel.platform === 'slack' && channel.workspaceId === teamId && channel.active,
  );
  for (const channel of channels) await options.channels.setActive(channel, false, reason);
  await options.forgetWorkspace?.(teamId);
  log.warn('workspace removed paperboy; its channels are inactive', {
    workspace: teamId,
    reason,
    channels: channels.length,
  });
  return channels.length;
}
