import type { Reply } from '../cards/card.js';
import { withFallback } from '../cards/card-fallback.js';
import { decodePageToken } from '../cards/page-token.js';
import type { Command } from '../commands/command.js';
import { type CommandError, describeCommandError } from '../commands/command-error.js';
import { parseCommand } from '../commands/parse-command.js';
import { decodeSavedToken } from '../reading-list/saved-token.js';
import { ok, type Result } from '../result.js';
import { answerCommand, searchPage } from './answer-command.js';
import { savedPage } from './answer-saved.js';
import type { BotDependencies, CommandContext } from './bot-dependencies.js';
import type { CommandHooks } from './command-hooks.js';
import { answerFeedback, type FeedbackClick, recordReaction } from './handle-feedback.js';
import { resolveActionValue } from './portable-actions.js';
import { apology, refused, userError } from './replies.js';
import { withReplyTldrs } from './reply-tldrs.js';

/** A clicked button: `nextPage` shows the next page to the clicker, `share` posts the page to the channel. */
export interface CardActionClick {
  kind: 'nextPage' | 'share';
  value: string;
}

/**
 * Answers what a user typed after `/papers`. Never throws: a mistake in the command gets a short error with a
 * correct example, and a failure on our side gets an apology while the details go to the log.
 *
 * @example
 * const reply = await handleText(dependencies, { channel, now: new Date() }, 'topic:lora since:7d');
 */
export function handleText(
  dependencies: BotDependencies,
  context: CommandContext,
  text: string,
  hooks: CommandHooks = {},
): Promise<Reply> {
  return handleParsed(dependencies, context, parseCommand(text), hooks);
}

/** Answers a command a platform read itself (Discord's options); the same path as `handleText` from there. */
export function handleParsed(
  dependencies: BotDependencies,
  context: CommandContext,
  parsed: Result<Command, CommandError>,
  hooks: CommandHooks = {},
): Promise<Reply> {
  if (!parsed.ok) {
    const { message, example } = describeCommandError(parsed.error);
    const reply = userError({ text: message, example });
    observe(dependencies, context, undefined, reply, performance.now());
    return Promise.resolve(reply);
  }
  const command = parsed.value;
  return guarded(dependencies, context, command.kind, async () => {
    const check = hooks.before ? await hooks.before(command, context) : undefined;
    if (check?.verdict === 'refuse') return refused(check.notice, check.title);
    const reply = await withReplyTldrs(
      dependencies,
      context,
      await answerCommand(dependencies, context, command),
    );
    const notice = check?.notice;
    if (!notice || reply.outcome !== 'ok') return reply;
    const { fallback: _, ...body } = reply.card;
    return { ...reply, card: withFallback({ ...body, notices: [...body.notices, notice] }) };
  });
}

export function handleCommand(
  dependencies: BotDependencies,
  context: CommandContext,
  command: Command,
  hooks: CommandHooks = {},
): Promise<Reply> {
  return handleParsed(dependencies, context, ok(command), hooks);
}

/**
 * Answers a button. A value that is not one of ours, or whose stored state has expired, gets "that button no
 * longer works" and changes nothing.
 */
export function handleAction(
  dependencies: BotDependencies,
  context: CommandContext,
  action: CardActionClick,
): Promise<Reply> {
  return guarded(dependencies, context, action.kind, async () => {
    const value = await resolveActionValue(action.value, dependencies.interactionState, context.now);
    const list = value === null ? null : decodeSavedToken(value);
    if (list) {
      const reply = await savedPage(dependencies, context, list);
      return action.kind === 'share' ? { ...reply, visibility: 'channel' } : reply;
    }
    const token = value === null ? null : decodePageToken(value);
    if (!token) {
      return refused({
        tone: 'warning',
        text: 'That button has expired. Run the search again.',
        example: '/papers lora',
      });
    }
    const reply = await searchPage(dependencies, context, token);
    return action.kind === 'share' ? { ...reply, visibility: 'channel' } : reply;
  });
}

/** Answers a click on a paper's 👍, 👎 or 🔖 (see `answerFeedback`). */
export function handleFeedback(
  dependencies: BotDependencies,
  context: CommandContext,
  click: FeedbackClick,
): Promise<Reply> {
  return guarded(dependencies, context, 'feedback', () => answerFeedback(dependencies, context, click));
}

/**
 * A reaction added or removed on one of paperboy's messages about one paper (see `recordReaction`). Never
 * throws; there is nobody to answer, so a failure is logged.
 */
export async function handleReaction(
  dependencies: BotDependencies,
  context: CommandContext,
  reaction: Parameters<typeof recordReaction>[2],
): Promise<boolean> {
  try {
    return await recordReaction(dependencies, context, reaction);
  } catch (error) {
    dependencies.logger.error('recording a reaction failed', { error, platform: context.channel.platform });
    return false;
  }
}

/** The one catch: any failure becomes the apology (and a log line), and every answer is observed once. */
async function guarded(
  dependencies: BotDependencies,
  context: CommandContext,
  command: string,
  work: () => Promise<Reply>,
): Promise<Reply> {
  const started = performance.now();
  let reply: Reply;
  try {
    reply = await (dependencies.answerLimit ? dependencies.answerLimit(work) : work());
  } catch (error) {
    dependencies.logger.error('command failed', { error, command, platform: context.channel.platform });
    reply = apology();
  }
  const answered = { ...reply, command };
  observe(dependencies, context, command, answered, started);
  return answered;
}

function observe(
  dependencies: BotDependencies,
  context: CommandContext,
  command: string | undefined,
  reply: Reply,
  started: number,
): void {
  dependencies.observer?.commandAnswered({
    platform: context.channel.platform,
    command: command ?? 'unknown',
    outcome: reply.outcome,
    durationMs: performance.now() - started,
  });
}
