import type { App, types, webApi } from '@slack/bolt';
import { z } from 'zod';
import { type LinkCard, linkCards } from '../../core/bot/link-cards.js';
import type { ChannelRef } from '../../core/channel.js';
import type { Logger } from '../../core/logger.js';
import { MAX_LINKS_PER_MESSAGE } from '../../core/paper-links.js';
import { renderUnfurl, type SlackUnfurl } from './blocks.js';
import { messagePermalink } from './permalink.js';
import { slackErrorCode } from './slack-errors.js';
import type { ListenerOptions } from './view-listener-options.js';

/** The channel Slack names in a `link_shared` event for a link still in the message composer. */
export const COMPOSER_CHANNEL = 'COMPOSER';

/**
 * The fields of a `link_shared` event paperboy reads (`LinkSharedEvent` of `@slack/types`); other keys are
 * tolerated. `source` stays a string: a source Slack adds later is answered by channel and `ts`.
 */
export const linkSharedEventSchema = z.object({
  type: z.literal('link_shared'),
  channel: z.string().min(1).max(255),
  user: z.string().min(1).max(255),
  message_ts: z.string().min(1).max(255),
  thread_ts: z.string().optional(),
  links: z.array(z.object({ domain: z.string(), url: z.string().min(1).max(3000) })).min(1),
  unfurl_id: z.string().min(1).max(1000).optional(),
  source: z.string().optional(),
  event_ts: z.string(),
});
export type LinkSharedEvent = z.infer<typeof linkSharedEventSchema>;

/** Every event `@slack/types` describes fits the schema's shape: checked by the compiler, not at run time. */
export type SlackEventFitsSchema =
  types.LinkSharedEvent extends z.input<typeof linkSharedEventSchema> ? true : never;
const slackEventFitsSchema: SlackEventFitsSchema = true;
void slackEventFitsSchema;

type UnfurlTarget =
  | { unfurl_id: string; source: 'composer' | 'conversations_history' }
  | { channel: string; ts: string };

/** Where `chat.unfurl` puts the cards: by `unfurl_id` and `source` when the event has them, else channel and `ts`. */
export function unfurlTarget(event: LinkSharedEvent): UnfurlTarget {
  const { unfurl_id: unfurlId, source } = event;
  return unfurlId && (source === 'composer' || source === 'conversations_history')
    ? { unfurl_id: unfurlId, source }
    : { channel: event.channel, ts: event.message_ts };
}

/** True for a link in a posted message; false for one still in the composer (its `message_ts` is no message). */
export const isPosted = (event: LinkSharedEvent): boolean =>
  event.source !== 'composer' && event.channel !== COMPOSER_CHANNEL;

/** Each URL of the cards, with the card of its paper: what `chat.unfurl` takes as `unfurls`. */
export function unfurlsOf(cards: readonly LinkCard[]): Record<string, SlackUnfurl> {
  const unfurls: Record<string, SlackUnfurl> = {};
  for (const card of cards) {
    const unfurl = renderUnfurl(card.card);
    if (unfurl.blocks.length === 0) continue;
    for (const url of card.urls) unfurls[url] = unfurl;
  }
  return unfurls;
}

/**
 * `link_shared`: a paper link on one of the unfurl domains, posted or still in the composer, gets its paper's
 * card under the link (`chat.unfurl`): the papers paperboy stores at once, the others in a second call once
 * arXiv has answered (one queued look-up for many links). A posted link is recorded as shared in the channel, by
 * whom, in which message, with the message's permalink (asked for in parallel; none if Slack gives none); one in
 * the composer is not. A link that is not a paper, an id arXiv does not know or a failed look-up gets no card,
 * and nothing is said in the channel. An event that does not validate is logged and dropped; a failed
 * `chat.unfurl` is logged. Nothing here throws into Bolt.
 */
export function registerLinkShared(app: App, options: ListenerOptions): void {
  const log = options.logger.child({ listener: 'links' });
  app.event('link_shared', async ({ event, body, context, client }) => {
    const eventId = body.event_id;
    const parsed = linkSharedEventSchema.safeParse(event);
    if (!parsed.success) {
      log.warn('a link_shared event paperboy cannot read; dropped', {
        eventId,
        problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`),
      });
      return;
    }
    const workspaceId = body.team_id || context.teamId;
    if (!workspaceId) {
      log.warn('a link_shared event without a workspace; dropped', { eventId });
      return;
    }
    try {
      const cards = await answerLinks(client, parsed.data, workspaceId, options, log, eventId);
      log.debug('shared links answered', { eventId, links: parsed.data.links.length, cards });
    } catch (error) {
      log.warn('could not answer shared links', { eventId, error });
    }
  });
}

/** Reads the cards of the event's links and unfurls them; returns how many URLs got a card. */
async function answerLinks(
  client: webApi.WebClient,
  event: LinkSharedEvent,
  workspaceId: string,
  options: ListenerOptions,
  log: Logger,
  eventId: string,
): Promise<number> {
  const channel: ChannelRef = { platform: 'slack', workspaceId, channelId: event.channel };
  const urls = [...new Set(event.links.map((link) => link.url))].slice(0, MAX_LINKS_PER_MESSAGE);
  const posted = isPosted(event);
  // Asked for while the store is read, so the cards do not wait for both one after the other.
  const link =
    posted && options.bot.shares
      ? messagePermalink(client, { channel: event.channel, ts: event.message_ts })
      : null;
  const { ready, later } = await linkCards(options.bot, {
    channel,
    message: posted ? { userId: event.user, messageId: event.message_ts, link } : undefined,
    urls,
    now: options.now(),
  });
  const target = unfurlTarget(event);
  const unfurl = async (cards: readonly LinkCard[]): Promise<number> => {
    const unfurls = unfurlsOf(cards);
    const count = Object.keys(unfurls).length;
    if (count === 0) return 0;
    try {
      await client.chat.unfurl({ ...target, unfurls });
      return count;
    } catch (error) {
      const code = slackErrorCode(error);
      log.warn('Slack did not take the paper cards of shared links', {
        eventId,
        links: count,
        error: code ?? (error instanceof Error ? error.message : String(error)),
        ...(code === 'missing_scope'
          ? { hint: 'reinstall the Slack app from slack/manifest.yml so it has links:write' }
          : {}),
      });
      return 0;
    }
  };
  const now = await unfurl(ready);
  if (!later) return now;
  const looked = await later.catch((error: unknown) => {
    log.warn('could not make cards for looked-up papers', { eventId, error });
    return [];
  });
  if (looked.length === 0) return now;
  // Slack modifies a message's unfurls on a second call rather than adding to them: send every card again.
  // The second call holds every card; if it fails, those of the first call still stand.
  return Math.max(now, await unfurl([...ready, ...looked]));
}
