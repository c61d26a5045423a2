import type { App } from '@slack/bolt';
import { handleReaction } from '../../core/bot/handle-command.js';
import type { FeedbackKind } from '../../core/feedback/feedback.js';
import type { ListenerOptions } from './view-listener-options.js';

/** The emoji that count as feedback, by the names Slack gives them (both names of 👍 and 👎). */
const REACTION_KINDS: ReadonlyMap<string, FeedbackKind> = new Map([
  ['+1', 'relevant'],
  ['thumbsup', 'relevant'],
  ['-1', 'notRelevant'],
  ['thumbsdown', 'notRelevant'],
  ['bookmark', 'save'],
]);

/**
 * The feedback an emoji means: `:+1:` (and `:thumbsup:`, in any skin tone) relevant, `:-1:` (`:thumbsdown:`) not
 * relevant, `:bookmark:` save; null for any other emoji.
 *
 * @example
 * reactionKind('+1::skin-tone-3'); // 'relevant'
 */
export const reactionKind = (reaction: string): FeedbackKind | null =>
  REACTION_KINDS.get(reaction.replace(/::skin-tone-\d$/, '')) ?? null;

/** The fields of a `reaction_added` / `reaction_removed` event paperboy reads (files can be reacted to too). */
export interface ReactionEvent {
  user?: string;
  reaction?: string;
  item_user?: string;
  item?: { type?: string; channel?: string; ts?: string };
}

/** A reaction that may count: its kind, and who reacted on which message. */
export interface CountableReaction {
  kind: FeedbackKind;
  userId: string;
  channelId: string;
  messageId: string;
}

/**
 * The reaction as feedback, or null when it cannot be: another emoji, a reaction on a file, by the bot itself,
 * or on a message someone else posted (`item_user`). Whether paperboy posted that message, about one paper, is
 * the core's to check.
 *
 * @example
 * countableReaction({ user: 'U1', reaction: 'bookmark', item_user: 'UBOT', item: { type: 'message', channel: 'C1', ts: '1.2' } }, 'UBOT');
 * // { kind: 'save', userId: 'U1', channelId: 'C1', messageId: '1.2' }
 */
export function countableReaction(event: ReactionEvent, botUserId?: string): CountableReaction | null {
  const kind = reactionKind(event.reaction ?? '');
  const { item, user } = event;
  if (!kind || !user || item?.type !== 'message' || !item.channel || !item.ts) return null;
  if (botUserId && (user === botUserId || (event.item_user !== undefined && event.item_user !== botUserId)))
    return null;
  return { kind, userId: user, channelId: item.channel, messageId: item.ts };
}

/**
 * `reaction_added` and `reaction_removed`: 👍 👎 🔖 on one of paperboy's own messages about one paper count as
 * feedback (the core checks that paperboy posted the message and that it is about one paper). Reactions to
 * anything else (see `countableReaction`) are ignored without a database query. Adding sets and removing
 * clears, so a retried event changes nothing.
 */
export function registerReactions(app: App, options: ListenerOptions): void {
  const log = options.logger.child({ listener: 'reactions' });
  const listener =
    (on: boolean) =>
    async ({
      event,
      body,
      context,
    }: {
      event: ReactionEvent;
      body: { team_id?: string; event_id?: string };
      context: { botUserId?: string; teamId?: string };
    }) => {
      const reaction = countableReaction(event, context.botUserId);
      const workspaceId = body.team_id || context.teamId;
      const counted =
        reaction !== null &&
        workspaceId !== undefined &&
        (await handleReaction(
          options.bot,
          { channel: { platform: 'slack', workspaceId, channelId: reaction.channelId }, now: options.now() },
          { messageId: reaction.messageId, userId: reaction.userId, kind: reaction.kind, on },
        ));
      log.debug('reaction handled', { eventId: body.event_id, counted, on, reaction: event.reaction });
    };
  app.event('reaction_added', listener(true));
  app.event('reaction_removed', listener(false));
}
