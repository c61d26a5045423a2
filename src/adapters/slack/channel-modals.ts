import type { types } from '@slack/bolt';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../core/channel.js';
import type { ModalMetadata } from './modal-metadata.js';
import { scheduleModal } from './schedule-modal.js';
import { settingsModal } from './settings-modal.js';
import { subscriptionsModal } from './subscriptions-modal.js';

export type ChannelModalKind = 'settings' | 'schedule' | 'subscriptions';

/** A channel's modal, filled with what the channel has now (the defaults for a channel paperboy does not know). */
export async function channelModal(
  bot: BotDependencies,
  kind: ChannelModalKind,
  ref: ChannelRef,
  metadata: ModalMetadata,
): Promise<types.ModalView> {
  if (kind === 'subscriptions') return subscriptionsModal(await bot.subscriptions.list(ref), metadata);
  const settings = (await bot.channels.get(ref))?.settings ?? DEFAULT_SETTINGS;
  return kind === 'schedule' ? scheduleModal(settings.schedule, metadata) : settingsModal(settings, metadata);
}
