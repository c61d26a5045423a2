import type { webApi } from '@slack/bolt';

/** How long a permalink may take before the answer goes on without it. */
export const PERMALINK_WAIT_MS = 2000;

/**
 * A link to the message `ts` in `channel` (`chat.getPermalink`), or null on any error, on an answer without an
 * https link, or after `waitMs`. Never throws.
 *
 * @example
 * await messagePermalink(client, { channel: 'C1', ts: '1700000000.000100' });
 * // 'https://team.slack.com/archives/C1/p1700000000000100'
 */
export async function messagePermalink(
  client: webApi.WebClient,
  message: { channel: string; ts: string; token?: string },
  waitMs = PERMALINK_WAIT_MS,
): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  const asked = client.chat
    .getPermalink({
      channel: message.channel,
      message_ts: message.ts,
      ...(message.token ? { token: message.token } : {}),
    })
    .then(
      (answer) =>
        typeof answer.permalink === 'string' && /^https:\/\//.test(answer.permalink)
          ? answer.permalink
          : null,
      () => null,
    );
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}
