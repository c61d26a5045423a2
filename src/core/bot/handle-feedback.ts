import { noticeCard } from '../cards/build-cards.js';
import type { Reply } from '../cards/card.js';
import type { ChannelRef } from '../channel.js';
import type { FeedbackKind, FeedbackState } from '../feedback/feedback.js';
import { readFeedbackValue } from '../feedback/feedback.js';
import type { BotDependencies, CommandContext } from './bot-dependencies.js';
import { refused } from './replies.js';

const NO_LONGER_WORKS = refused({
  tone: 'warning',
  text: 'That button no longer works. Run the command again for fresh buttons.',
  example: '/papers saved',
});

/** A feedback control clicked: its value, and who clicked. */
export interface FeedbackClick {
  value: string;
  userId: string;
}

/**
 * Answers a click on 👍, 👎 or 🔖: records it (a repeat within seconds counts once), marks the channel's messages
 * showing the paper for a redraw of their counts, and confirms to the clicker alone. A value that is not one of
 * ours, or a paper paperboy does not store, gets "that button no longer works" and writes nothing.
 */
export async function answerFeedback(
  dependencies: BotDependencies,
  context: CommandContext,
  click: FeedbackClick,
): Promise<Reply> {
  const target = readFeedbackValue(click.value);
  const { feedback } = dependencies;
  if (!target || !feedback || !(await dependencies.catalog.getPaper(target.paperId))) return NO_LONGER_WORKS;
  await dependencies.channels.ensure(context.channel);
  const vote = { channel: context.channel, paperId: target.paperId, userId: click.userId, kind: target.kind };
  const result = await feedback.click(vote, context.now);
  if (result.changed) await countsChanged(dependencies, context.channel, target.paperId, context.now);
  return {
    card: noticeCard({ tone: 'success', text: confirmation(target.kind, result.state) }, 'Thanks'),
    visibility: 'ephemeral',
    outcome: 'ok',
  };
}

/**
 * A reaction added or removed on a message: it counts only on paperboy's own messages about one paper (a
 * paper's thread reply), where `:+1:`, `:-1:` and `:bookmark:` mean 👍, 👎 and 🔖. Returns whether it counted.
 */
export async function recordReaction(
  dependencies: BotDependencies,
  context: CommandContext,
  reaction: { messageId: string; userId: string; kind: FeedbackKind; on: boolean },
): Promise<boolean> {
  const { feedback, postedMessages } = dependencies;
  if (!feedback || !postedMessages) return false;
  const message = await postedMessages.find(context.channel, reaction.messageId);
  const paperId = message?.perPaper ? message.card.items[0]?.id : undefined;
  if (paperId === undefined) return false;
  const vote = { channel: context.channel, paperId, userId: reaction.userId, kind: reaction.kind };
  await feedback.react({ ...vote, on: reaction.on }, context.now);
  // Marked even when this reaction changed nothing by itself: a click that raced it may have.
  await countsChanged(dependencies, context.channel, paperId, context.now);
  return true;
}

async function countsChanged(dependencies: BotDependencies, channel: ChannelRef, paperId: string, now: Date) {
  await dependencies.postedMessages?.countsChanged(channel, paperId, now);
}

/** What the clicker is told: what their click did, and that clicking again takes it back. */
export function confirmation(kind: FeedbackKind, state: FeedbackState): string {
  switch (kind) {
    case 'relevant':
      return state.relevance === 1
        ? '👍 Marked relevant: this channel will see more papers like it. Click 👍 again to take it back.'
        : '👍 Taken back.';
    case 'notRelevant':
      return state.relevance === -1
        ? '👎 Noted, only you can see this: this channel will see fewer papers like it. Click 👎 again to take it back.'
        : '👎 Taken back.';
    case 'save':
      return state.saved
        ? "🔖 Saved to this channel's reading list (see it with /papers saved). Click 🔖 again to take it off."
        : "🔖 Taken off this channel's reading list.";
  }
}
