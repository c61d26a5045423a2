import type { types, webApi } from '@slack/bolt';
import { handleCommand } from '../../core/bot/handle-command.js';
import { renderCard } from './blocks.js';
import { ACCESS_REFUSALS, channelAccess } from './channel-access.js';
import { isBotInChannel } from './channel-membership.js';
import { slackCommandHooks } from './slack-checks.js';
import { slackErrorCode } from './slack-errors.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import type { ViewListenerOptions } from './view-listener-options.js';
import { cardBlocks, modal, noticeModal } from './view-parts.js';

interface Who {
  teamId: string;
  userId: string;
  channelId: string;
}

const INVITE = (channelId: string) =>
  `paperboy is not a member of <#${channelId}>, so it cannot post there. Invite it: type \`/invite @paperboy\` in the channel.`;

/** A modal of trusted mrkdwn (paperboy's own sentences around a channel mention). */
const sentenceModal = (title: string, text: string): types.ModalView =>
  modal({
    callbackId: VIEW_CALLBACKS.notice,
    title,
    close: 'Done',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  });

/**
 * The channel's next digest as `/papers preview` shows it, in a modal (cut to a view's 100 blocks, saying so):
 * only for members of the channel.
 */
export async function previewModal(
  client: webApi.WebClient,
  options: ViewListenerOptions,
  who: Who,
): Promise<types.ModalView> {
  const access = await channelAccess(client, { ...who, adminOnly: false }, options.logger);
  if (access !== 'allowed') return noticeModal('Preview', { tone: 'warning', text: ACCESS_REFUSALS[access] });
  const context = {
    channel: { platform: 'slack' as const, workspaceId: who.teamId, channelId: who.channelId },
    now: options.now(),
  };
  const reply = await handleCommand(options.bot, context, { kind: 'preview' });
  return modal({
    callbackId: VIEW_CALLBACKS.notice,
    title: 'Digest preview',
    close: 'Done',
    blocks: cardBlocks(
      reply.card,
      undefined,
      'The preview goes on: type /papers preview in the channel for all of it.',
    ),
  });
}

/**
 * Posts the channel's digest now, as `/papers digest` would (its papers then count as delivered), with
 * `chat.postMessage`, and says how it went. A channel paperboy is not in is told how to invite it, before
 * anything is built.
 */
export async function postDigestModal(
  client: webApi.WebClient,
  options: ViewListenerOptions,
  who: Who,
): Promise<types.ModalView> {
  const log = options.logger.child({ action: 'post digest now' });
  const access = await channelAccess(client, { ...who, adminOnly: options.adminOnly }, log);
  if (access !== 'allowed')
    return noticeModal('Not posted', { tone: 'warning', text: ACCESS_REFUSALS[access] });
  if ((await isBotInChannel(client, who.channelId)) === false)
    return sentenceModal('Not posted', INVITE(who.channelId));
  const context = {
    channel: { platform: 'slack' as const, workspaceId: who.teamId, channelId: who.channelId },
    now: options.now(),
  };
  // channelAccess has just checked the admin; the hooks add only the "invite paperboy" notice.
  const hooks = slackCommandHooks({ client, ...who, adminOnly: false, logger: log });
  const reply = await handleCommand(options.bot, context, { kind: 'digest' }, hooks);
  if (reply.visibility !== 'channel') return noticeModal('Not posted', reply.card);
  try {
    for (const message of renderCard(reply.card)) {
      await client.chat.postMessage({
        channel: who.channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
    }
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'not_in_channel' || code === 'channel_not_found')
      return sentenceModal('Not posted', INVITE(who.channelId));
    log.warn('could not post a digest asked for from the App Home', { error });
    return noticeModal('Not posted', {
      tone: 'error',
      text: `Slack did not take the digest (${code ?? 'no answer'}). Try again in a minute.`,
    });
  }
  return sentenceModal('Digest posted', `:white_check_mark: Posted the digest to <#${who.channelId}>.`);
}
