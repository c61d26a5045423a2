import type { webApi } from '@slack/bolt';
import type { Reply } from '../../core/cards/card.js';
import type { Logger } from '../../core/logger.js';
import { renderCard } from './blocks.js';
import { slackErrorCode } from './slack-errors.js';

/**
 * Posts the answer to a question in the paper's thread: for everyone, or (a limit reached, which paper of a
 * digest) only for the asker. A failure is logged, never thrown.
 */
export async function postAnswer(
  client: webApi.WebClient,
  where: { channel: string; user: string; threadTs: string },
  reply: Reply,
  log: Logger,
): Promise<void> {
  try {
    for (const message of renderCard(reply.card)) {
      if (reply.visibility === 'ephemeral')
        await client.chat.postEphemeral({
          channel: where.channel,
          user: where.user,
          thread_ts: where.threadTs,
          text: message.text,
          blocks: message.blocks,
        });
      else
        await client.chat.postMessage({
          channel: where.channel,
          thread_ts: where.threadTs,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
    }
  } catch (error) {
    log.warn('could not post the answer to a question', {
      channel: where.channel,
      error: slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error)),
    });
  }
}
