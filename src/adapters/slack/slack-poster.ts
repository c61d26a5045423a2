import type { webApi } from '@slack/bolt';
import { channelKey } from '../../core/channel.js';
import {
  PermanentDeliveryError,
  PostAbortedError,
  type Poster,
  unlessAborted,
} from '../../core/delivery/poster.js';
import type { Logger } from '../../core/logger.js';
import { renderPosts, renderShown } from './blocks.js';
import type { ChannelPacer } from './channel-pacer.js';
import { messagePermalink } from './permalink.js';
import { classifySlackEditError, classifySlackError } from './slack-errors.js';

export interface SlackPosterOptions {
  /** A client with its own retries off and `rejectRateLimitedCalls`, so the delivery worker decides retries. */
  client: webApi.WebClient;
  /** The bot token of a workspace, or null when paperboy is not installed there (any more). */
  tokenFor(teamId: string): Promise<string | null>;
  pacer: ChannelPacer;
  logger: Logger;
}

/**
 * Posts digests and alerts with `chat.postMessage`: the card's messages (and, with threads, each paper's details
 * as a reply under the message that lists it), paced per channel. Each post's `ts` is recorded through
 * `onPartSent` before the next, with what the post shows (a thread reply with one paper's details is
 * `perPaper`); a retry resumes after the posts already recorded, replying in the threads of the recorded parent
 * posts. Slack has no idempotency key, hence `supportsIdempotency: false`.
 *
 * `edit` draws a posted message again with `chat.update` (its new counts; the same blocks otherwise), paced by
 * the same per-channel pacer as posts: a rate limit gives `RateLimitedError`, a message Slack will not update
 * (`message_not_found`, `cant_update_message`) `EditRefusedError`, which the redrawer logs; nothing of it is
 * fatal. `messageLink` is the message's permalink (`chat.getPermalink`), null on any error.
 *
 * On abort (shutdown) it stops at once while pacing and posts nothing further; a request already sent is let
 * finish and recorded, since cutting it could not unsend it and would leave unknown whether it went out.
 */
export function createSlackPoster(options: SlackPosterOptions): Poster {
  const { client, pacer } = options;
  return {
    platform: 'slack',
    supportsIdempotency: false,
    async post(message, onPartSent, signal) {
      const { channel } = message;
      const token = await options.tokenFor(channel.workspaceId);
      if (!token) throw new PermanentDeliveryError('not_installed');
      const posts = renderPosts(message.card, { threads: message.threads });
      const ids = message.messageIds.slice(0, message.partsSent);
      for (let part = message.partsSent; part < posts.length; part += 1) {
        const post = posts[part];
        if (!post) break;
        const threadTs = post.threadOf === null ? undefined : ids[post.threadOf];
        await unlessAborted(pacer.wait(channelKey(channel)), signal);
        if (signal?.aborted) throw new PostAbortedError();
        let ts: string;
        try {
          const response = await client.chat.postMessage({
            token,
            channel: channel.channelId,
            text: post.message.text,
            blocks: post.message.blocks,
            unfurl_links: false,
            unfurl_media: false,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          });
          ts = response.ts ?? '';
        } catch (error) {
          throw classifySlackError(error);
        }
        ids.push(ts);
        await onPartSent(ts, post.shown);
      }
    },
    async edit(message) {
      const token = await options.tokenFor(message.channel.workspaceId);
      if (!token) throw new PermanentDeliveryError('not_installed');
      await pacer.wait(channelKey(message.channel));
      const drawn = renderShown({ card: message.card, perPaper: message.perPaper });
      try {
        await client.chat.update({
          token,
          channel: message.channel.channelId,
          ts: message.messageId,
          text: drawn.text,
          blocks: drawn.blocks,
        });
      } catch (error) {
        throw classifySlackEditError(error);
      }
    },
    async messageLink(channel, messageId) {
      const token = await options.tokenFor(channel.workspaceId).catch(() => null);
      if (!token) return null;
      return messagePermalink(client, { channel: channel.channelId, ts: messageId, token });
    },
  };
}
