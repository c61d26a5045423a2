import {
  type ChatMessage,
  type Completion,
  estimatePromptTokens,
  estimateTokens,
} from '../core/language-model.js';

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
  const promptTokens = estimatePromptTokens(messages);
  const completionTokens = estimateTokens(completionText);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
};
