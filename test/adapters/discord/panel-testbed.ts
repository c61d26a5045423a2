import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { type DiscordOverHttp, GUILD_ID, sendSigned } from './discord-fixtures.js';
import { MANAGE_CHANNELS, slashCommand, type Where } from './panel-interactions.js';
import { createPanelSession, type PanelAnswer, type PanelSession } from './panel-session.js';

/**
 * What the panel tests share, on one harness: a channel of its own for each test (and each side of a
 * comparison, `firstDigit` keeping files apart), what a channel has stored, the panel opened by a member with
 * Manage Channels, and the slash commands the controls are compared with.
 */
export function createPanelTestbed(harness: () => DiscordOverHttp, firstDigit = '5') {
  let channels = 0;
  const freshChannel = (): Where => ({
    guildId: GUILD_ID,
    channelId: `${firstDigit}100000000000${String(++channels).padStart(5, '0')}`,
  });
  const refOf = (where: Where): ChannelRef => ({
    platform: 'discord',
    workspaceId: where.guildId,
    channelId: where.channelId,
  });
  return {
    freshChannel,
    stored: async (where: Where) => (await harness().bot.channels.get(refOf(where)))?.settings,
    terms: async (where: Where) =>
      (await harness().bot.subscriptions.list(refOf(where))).map((term) => term.text),
    /** A member with Manage Channels, with the panel open in a channel of its own. */
    async openPanel(where = freshChannel()): Promise<{ where: Where; panel: PanelSession }> {
      const panel = createPanelSession(harness(), { where });
      await panel.open();
      return { where, panel };
    },
    /** The slash command with options, by a member with Manage Channels, in a channel of its own (or `where`). */
    async byText(
      name: string,
      sub: string | null,
      options: { name: string; type: number; value: unknown }[],
      where = freshChannel(),
    ) {
      const token = `text-${name}-${sub}-${++channels}`;
      const given = sub ? [{ name: sub, type: 1, options } as never] : options;
      const body = slashCommand(name, given, { token, permissions: MANAGE_CHANNELS, where });
      await harness().discord.answerFor(token, await sendSigned(harness(), body));
      return where;
    },
  };
}

/** The line under the panel's title: what the last click or modal did. */
export const resultLine = (answer: PanelAnswer): string => answer.text.split('\n')[1] ?? '';

/**
 * The bot's channel store made slower than the ack's budget while `slow()` says so, so a panel answer takes the
 * deferred path (an edit of @original) on any machine: `startDiscordOverHttp({}, { bot: slowChannelsWhen(...) })`.
 */
export function slowChannelsWhen(slow: () => boolean, delayMs = 100) {
  return (bot: BotDependencies): BotDependencies => {
    const channels = { ...bot.channels };
    for (const [name, method] of Object.entries(bot.channels)) {
      if (typeof method !== 'function') continue;
      (channels as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        if (slow()) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return (method as (...args: unknown[]) => unknown).apply(bot.channels, args);
      };
    }
    return { ...bot, channels };
  };
}
