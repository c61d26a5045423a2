import type { webApi } from '@slack/bolt';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { Card, ReplyFile } from '../../core/cards/card.js';
import type { Logger } from '../../core/logger.js';
import { userMention } from './mrkdwn.js';
import { slackErrorCode } from './slack-errors.js';

/** Where the command was typed, and by whom. */
export interface UploadTarget {
  channelId: string;
  userId: string;
}

/** A direct message (`D…`): paperboy may not be in it (a DM between two people), so the file goes to the user. */
const isDirectMessage = (channelId: string): boolean => channelId.startsWith('D');

/**
 * Uploads a reply's file (a reading-list export) with `files.uploadV2` (`files.getUploadURLExternal`, the upload,
 * `files.completeUploadExternal`): to the channel the command was typed in, or, when that is a direct message, to
 * the user's direct message with paperboy (`conversations.open`). Never throws: a failure is logged and returned
 * as a notice for the user (null when the file was shared).
 */
export async function uploadReplyFile(
  client: webApi.WebClient,
  file: ReplyFile,
  target: UploadTarget,
  logger: Logger,
): Promise<Card | null> {
  try {
    const channelId = isDirectMessage(target.channelId)
      ? await directMessageWith(client, target.userId)
      : target.channelId;
    const mention = userMention(target.userId);
    await client.filesUploadV2({
      channel_id: channelId,
      content: file.content,
      filename: file.name,
      title: file.name,
      initial_comment:
        isDirectMessage(target.channelId) || !mention
          ? `The reading list, as ${file.name}.`
          : `The reading list, as ${file.name}, exported by ${mention}.`,
    });
    return null;
  } catch (error) {
    const code = slackErrorCode(error);
    logger.warn('could not upload a reading-list export', { error, code, file: file.name });
    return noticeCard({ tone: 'warning', text: uploadFailure(file.name, code) }, 'Export not uploaded');
  }
}

async function directMessageWith(client: webApi.WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

/** What the user is told when the upload failed, with what to do about it. */
function uploadFailure(name: string, code: string | null): string {
  const what = `I could not upload ${name}${code ? ` (Slack said ${code})` : ''}.`;
  switch (code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return `${what} Invite me to this channel with /invite @paperboy, then run the command again.`;
    case 'missing_scope':
      return `${what} paperboy's Slack app lacks the files:write scope: ask an admin to reinstall it from slack/manifest.yml.`;
    default:
      return `${what} Please try again in a minute.`;
  }
}
