import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { refused } from '../../core/bot/replies.js';
import type { Reply } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';
import { parsePaperId } from '../../core/commands/parse-paper-id.js';
import { answerQuestion } from '../../core/questions/answer-question.js';

/** Discord's thread channel types: announcement, public and private threads. */
const THREAD_TYPES = new Set([10, 11, 12]);

const NOT_ANSWERED = refused({
  tone: 'info',
  text: 'Questions about papers are not answered on this paperboy.',
});
const ALREADY_ANSWERED = refused({ tone: 'info', text: 'This question was answered already.' });

/** The interaction's parts `/ask` reads. */
export interface AskInteraction {
  id: string;
  guildId: string;
  channel: { id: string; type?: number | undefined; parent_id?: string | null | undefined };
  userId: string;
  question: string;
  paper?: string | undefined;
}

/**
 * `/ask question: paper:`. In a thread paperboy started from one of its posts, the thread's id is that post's
 * id in the parent channel, which is where the paper was posted: the question is about that post's papers.
 * `paper:` names one by its number in the thread, or any paper by its arXiv id or link.
 */
export async function answerAsk(bot: BotDependencies, ask: AskInteraction, now: Date): Promise<Reply> {
  if (!bot.questions) return NOT_ANSWERED;
  const inThread =
    ask.channel.type !== undefined && THREAD_TYPES.has(ask.channel.type) && Boolean(ask.channel.parent_id);
  const channel: ChannelRef = {
    platform: 'discord',
    workspaceId: ask.guildId,
    channelId: inThread ? (ask.channel.parent_id as string) : ask.channel.id,
  };
  const named = ask.paper?.trim() ?? '';
  const paperId = named === '' ? undefined : parsePaperId(named);
  const number = /^#?\d{1,2}$/.test(named) ? named.replace('#', '') : null;
  const reply = await answerQuestion(bot.questions, {
    channel,
    threadMessageId: inThread ? ask.channel.id : null,
    text: number ? `${number} ${ask.question}` : ask.question,
    ...(paperId ? { paperId } : {}),
    userId: ask.userId,
    dedupeKey: `discord:${ask.id}`,
    now,
  });
  return reply ?? ALREADY_ANSWERED;
}
