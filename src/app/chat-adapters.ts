import type { ChatAdapter, ChatAdapterContext } from '../adapters/chat-adapter.js';
import { resolveDiscordMode } from '../adapters/discord/discord-mode.js';
import { resolveSlackMode } from '../adapters/slack/slack-mode.js';
import type { Config } from '../config.js';
import { err, ok, type Result } from '../core/result.js';

/** Which chat platforms the configuration turns on, or every start-up error saying what to set. */
export function configuredPlatforms(config: Config): Result<{ slack: boolean; discord: boolean }, string[]> {
  const slack = resolveSlackMode(config);
  const discord = resolveDiscordMode(config);
  const errors = [...(slack.ok ? [] : slack.error), ...(discord.ok ? [] : discord.error)];
  if (errors.length > 0) return err(errors);
  return ok({ slack: slack.ok && slack.value !== null, discord: discord.ok && discord.value !== null });
}

export type ChatAdapterFactory = (context: ChatAdapterContext) => ChatAdapter;

/**
 * The adapter factories of the configured platforms (none: paperboy runs in the terminal). Each platform's code
 * is loaded only when it is configured: Bolt and discord.js take about half a second each to load, and a
 * service starting on the embedded database loads them while the database starts in its own thread.
 */
export async function loadChatAdapters(platforms: {
  slack: boolean;
  discord: boolean;
}): Promise<ChatAdapterFactory[]> {
  const [slack, discord] = await Promise.all([
    platforms.slack ? import('../adapters/slack/slack-adapter.js') : null,
    platforms.discord ? import('../adapters/discord/discord-adapter.js') : null,
  ]);
  return [
    ...(slack ? [(context: ChatAdapterContext) => slack.createSlackAdapter(context)] : []),
    ...(discord ? [(context: ChatAdapterContext) => discord.createDiscordAdapter(context)] : []),
  ];
}
