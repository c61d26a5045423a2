import { refused } from '../bot/replies.js';
import type { Reply } from '../cards/card.js';
import type { ChannelRef } from '../channel.js';
import { DEFAULT_LANGUAGE } from '../language.js';
import { estimatePromptTokens, type LanguageModel } from '../language-model.js';
import type { Logger } from '../logger.js';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl, type Paper } from '../paper.js';
import type { ChannelStore, PaperCatalog, PostedMessages } from '../ports.js';
import type { ModelHealth } from '../tldr/model-health.js';
import { plainModelText } from '../tldr/model-text.js';
import type { TokenBudget } from '../tldr/tldr-ports.js';
import { answerCard } from './answer-card.js';
import { pickPaper } from './pick-paper.js';
import type { PaperFullTexts, QuestionLimits, QuestionLimitValues } from './question-ports.js';
import { ANSWER_MAX_TOKENS, parseAnswer, questionMessages, quoteIsInPaper } from './question-prompt.js';

/** What an answer shows at most: well within one Slack section or Discord embed. */
export const ANSWER_MAX_CHARS = 1_500;
const QUOTE_MAX_CHARS = 400;
/** The longest question read; a longer one is cut. */
const QUESTION_MAX_CHARS = 1_000;

export interface QuestionDependencies {
  /** Null when no model is configured: questions then get a reply that says so. */
  model: LanguageModel | null;
  health?: ModelHealth;
  budget?: TokenBudget;
  dailyTokens?: number;
  limits: QuestionLimits;
  limitValues: QuestionLimitValues;
  catalog: Pick<PaperCatalog, 'getPaper'>;
  postedMessages?: Pick<PostedMessages, 'find'>;
  channels: Pick<ChannelStore, 'get'>;
  fullTexts: PaperFullTexts;
  logger: Logger;
}

/** One question: where it was asked, what, by whom, and the platform's id of it (a retry repeats the id). */
export interface Question {
  /** The channel the paper was posted in (on Discord the thread's parent). */
  channel: ChannelRef;
  /** The message the thread hangs from, when asked in a thread. */
  threadMessageId: string | null;
  text: string;
  /** A paper chosen explicitly (Discord's `paper:` option). */
  paperId?: string;
  userId: string;
  dedupeKey: string;
  now: Date;
}

const ASK_EXAMPLE = '@paperboy What dataset do they train on?';
const NAMED_EXAMPLE = '@paperboy 2606.00467 What dataset do they train on?';

/** A note only the asker sees: why there is no answer (yet), with an example where one helps. */
const info = (text: string, example?: string): Reply => ({
  ...refused({ tone: 'info', text, ...(example ? { example } : {}) }),
  command: 'ask',
});

const at = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;

/**
 * Answers a question about a paper with the model, grounded in the paper: its abstract and, where arXiv has it,
 * its full text. The answer quotes the passage it rests on (only a passage found in the paper is shown) and
 * says "The paper does not say" when it does not. The answer is plain text: links other than the paper's are
 * removed and mentions defused, whatever the paper or the question told the model. Limits per person and per
 * workspace, and the day's token budget, get a friendly reply; a question the model did not answer does not
 * count against them. A repeated event (a platform's retry) gets null, so it is answered once. Never throws.
 */
export async function answerQuestion(deps: QuestionDependencies, question: Question): Promise<Reply | null> {
  const log = deps.logger.child({ component: 'questions' });
  try {
    return await answer(deps, question, log);
  } catch (error) {
    log.error('could not answer a question', { error });
    return info('Something went wrong on our side while answering. Please try again in a minute.');
  }
}

async function answer(deps: QuestionDependencies, question: Question, log: Logger): Promise<Reply | null> {
  const text = question.text.trim().slice(0, QUESTION_MAX_CHARS);
  const posted =
    question.threadMessageId && deps.postedMessages
      ? await deps.postedMessages.find(question.channel, question.threadMessageId)
      : null;
  const choice = question.paperId
    ? { kind: 'paper' as const, paperId: question.paperId, question: text }
    : pickPaper(text, posted?.card.items ?? null);
  if (choice.kind === 'none')
    return info(
      'Ask me in the thread of a paper I posted, or name the paper (an arXiv id or link) in your question.',
      NAMED_EXAMPLE,
    );
  if (choice.kind === 'choose')
    return info(
      `This thread has ${choice.items.length} papers. Start your question with the number of the one you mean:\n${choice.items
        .map((item, index) => `${index + 1}. ${item.title}`)
        .join('\n')}`,
      '@paperboy 2 What dataset do they train on?',
    );
  if (choice.question === '') return info('What would you like to know about this paper?', ASK_EXAMPLE);
  if (!deps.model)
    return info(
      'Questions about papers need a language model, and this paperboy has none set up. Its operator can set LLM_BASE_URL and LLM_MODEL (see the README).',
    );
  const paper = await deps.catalog.getPaper(choice.paperId);
  if (!paper)
    return info(`I do not have arXiv ${choice.paperId}; share its link here first and I will fetch it.`);

  const admission = await deps.limits.admit(
    {
      platform: question.channel.platform,
      workspaceId: question.channel.workspaceId,
      userId: question.userId,
      paperId: paper.id,
      dedupeKey: question.dedupeKey,
    },
    deps.limitValues,
    question.now,
  );
  if (admission.kind === 'duplicate') return null;
  if (admission.kind === 'userLimit')
    return info(
      `You have asked ${deps.limitValues.perUserHour} questions in the last hour, as many as one person may. Ask again after ${at(admission.retryAt)}.`,
    );
  if (admission.kind === 'workspaceLimit')
    return info(
      `This workspace has asked ${deps.limitValues.perWorkspaceDay} questions today, as many as it may. Questions work again after ${at(admission.retryAt)}.`,
    );

  const channel = await deps.channels.get(question.channel);
  const language = channel?.settings.language ?? DEFAULT_LANGUAGE;
  const fullText = await deps.fullTexts.get(paper.id);
  const messages = questionMessages(
    { id: paper.id, title: paper.title, abstract: paper.abstract, fullText: fullText?.text ?? null },
    choice.question,
    language,
  );
  const reserved = estimatePromptTokens(messages) + ANSWER_MAX_TOKENS;
  // A question without an answer does not count against anyone's limit.
  const unanswered = async (reply: Reply): Promise<Reply> => {
    await deps.limits.release(question.dedupeKey).catch((error: unknown) => {
      log.warn('could not release an unanswered question; it counts against the limits', { error });
    });
    return reply;
  };
  if (deps.budget && !(await deps.budget.reserve(question.now, reserved, deps.dailyTokens ?? 0)))
    return unanswered(info("paperboy has used today's model budget. Questions work again after 00:00 UTC."));
  let used = 0;
  try {
    const completion = await deps.model.complete({ messages, maxTokens: ANSWER_MAX_TOKENS });
    used = completion.usage.totalTokens;
    deps.health?.succeeded();
    return { ...shownAnswer(paper, completion, fullText), visibility: 'channel', command: 'ask' };
  } catch (error) {
    deps.health?.failed();
    log.warn('the model did not answer a question', {
      paper: paper.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return unanswered(info('The language model did not answer just now. Please try again in a minute.'));
  } finally {
    await deps.budget?.settle(question.now, reserved, used).catch(() => {});
  }
}

/** The paper's own pages: the only links an answer may keep. */
const paperUrls = (paper: Paper): string[] => [
  arxivAbsUrl(paper.id),
  arxivPdfUrl(paper.id),
  `https://arxiv.org/html/${paper.id}`,
  hfPaperUrl(paper.id),
];

function shownAnswer(
  paper: Paper,
  completion: { text: string; model: string },
  fullText: { url: string; text: string } | null,
): Pick<Reply, 'card' | 'outcome'> {
  const allowedUrls = paperUrls(paper);
  const url = paper.sources.includes('hf') ? hfPaperUrl(paper.id) : arxivAbsUrl(paper.id);
  const parsed = parseAnswer(completion.text);
  const source = fullText ? ('full text' as const) : ('abstract' as const);
  const text =
    parsed.kind === 'notInPaper'
      ? ''
      : plainModelText(parsed.text, { allowedUrls, multiline: true, maxChars: ANSWER_MAX_CHARS });
  const quote =
    parsed.kind === 'answer' &&
    parsed.quote &&
    quoteIsInPaper(parsed.quote, `${paper.abstract}\n${fullText?.text ?? ''}`)
      ? plainModelText(parsed.quote, { allowedUrls: [], maxChars: QUOTE_MAX_CHARS })
      : null;
  return {
    card: answerCard({
      paper: { title: paper.title, url },
      text: text === '' ? 'The paper does not say.' : text,
      quote: text === '' ? null : quote,
      source,
      model: completion.model,
    }),
    outcome: 'ok',
  };
}
