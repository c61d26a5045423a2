import type { Reply } from '../cards/card.js';
import { DEFAULT_LANGUAGE } from '../language.js';
import type { BotDependencies, CommandContext } from './bot-dependencies.js';

/**
 * A command's answer with the stored TL;DRs in the channel's language. It never waits for the model (the
 * answer is due within seconds) and never fails the answer: without them it keeps the abstract's sentences.
 */
export async function withReplyTldrs(
  dependencies: BotDependencies,
  context: CommandContext,
  reply: Reply,
): Promise<Reply> {
  if (!dependencies.tldrs || reply.card.items.length === 0) return reply;
  try {
    const channel = await dependencies.channels.get(context.channel);
    const language = channel?.settings.language ?? DEFAULT_LANGUAGE;
    const card = await dependencies.tldrs.fill(reply.card, language, { wait: false });
    return card === reply.card ? reply : { ...reply, card };
  } catch (error) {
    dependencies.logger.warn('could not add TL;DRs to an answer; it keeps the abstract sentences', { error });
    return reply;
  }
}
