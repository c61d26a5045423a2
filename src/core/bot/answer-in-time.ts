import type { BotDependencies } from './bot-dependencies.js';

/**
 * The answer, if it is ready within `budgetMs`; otherwise null, and the adapter acknowledges the platform's
 * request now and delivers the answer when it is ready. When answers are already waiting their turn there is no
 * point waiting at all, so a burst of commands is acknowledged as fast as the requests arrive.
 *
 * Call it before `work` starts, so that `work` itself does not count as waiting.
 */
export function answerInTime<T>(
  bot: Pick<BotDependencies, 'answerLimit'>,
  budgetMs: number,
): (work: Promise<T>) => Promise<T | null> {
  const budget = bot.answerLimit?.busy() ? 0 : budgetMs;
  return async (work) => {
    if (budget <= 0) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), budget);
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
