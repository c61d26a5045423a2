import type { ChatAdapter, ChatAdapterContext } from '../adapters/chat-adapter.js';
import { createDiscordAdapter } from '../adapters/discord/discord-adapter.js';
import { resolveDiscordMode } from '../adapters/discord/discord-mode.js';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.js';
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

/** The adapters of the configured platforms (none: paperboy runs in the terminal). */
export function createChatAdapters(
  platforms: { slack: boolean; discord: boolean },
  context: ChatAdapterContext,
): ChatAdapter[] {
  return [
    ...(platforms.slack ? [createSlackAdapter(context)] : []),
    ...(platforms.discord ? [createDiscordAdapter(context)] : []),
  ];
}
