import type { FakeDiscord } from '../test/helpers/fake-discord.js';

const EDIT_ORIGINAL = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/;

/**
 * Deferred interaction answers (the edit of `@original`) by token, as the fake Discord receives them. The
 * fake's `answerFor` scans every call recorded so far for each waiter, which thousands of commands in one bot
 * process turn into the load generator's main cost; this index keeps each answer O(1).
 */
export function trackDiscordAnswers(discord: FakeDiscord) {
  const seen = new Set<string>();
  const waiting = new Map<string, () => void>();
  discord.intercept((call) => {
    const token = call.method === 'PATCH' ? EDIT_ORIGINAL.exec(call.path)?.[1] : undefined;
    if (token && !seen.has(token)) {
      seen.add(token);
      waiting.get(token)?.();
    }
    return undefined;
  });
  return {
    seen: (token: string) => seen.has(token),
    /** Resolves when the interaction's `@original` is edited; rejects after `timeoutMs`. */
    answer(token: string, timeoutMs: number): Promise<void> {
      if (seen.has(token)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(token);
          reject(new Error(`no edit of @original for ${token} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(token, () => {
          clearTimeout(timer);
          waiting.delete(token);
          resolve();
        });
      });
    },
  };
}
