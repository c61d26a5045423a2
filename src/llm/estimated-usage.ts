import type { ChatMessage, Completion } from '../core/language-model.js';

/** Roughly how many characters a token stands for in English text, as OpenAI's rule of thumb has it. */
const CHARACTERS_PER_TOKEN = 4;

const tokensFor = (characters: number): number => Math.ceil(characters / CHARACTERS_PER_TOKEN);

/**
 * A guess at the token counts for a server that reports none (some local servers, some streams), so that
 * budgets still see roughly what was spent.
 *
 * @example
 * estimateUsage([{ role: 'user', content: 'Summarise this.' }], 'A summary.'); // { promptTokens: 4, completionTokens: 3, totalTokens: 7 }
 */
export const estimateUsage = (
  messages: readonly ChatMessage[],
  completionText: string,
): Completion['usage'] => {
  const promptTokens = tokensFor(messages.reduce((sum, message) => sum + message.content.length, 0));
  const completionTokens = tokensFor(completionText.length);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
};
