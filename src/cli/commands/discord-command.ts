import { Routes } from 'discord.js';
import { DISCORD_COMMANDS } from '../../adapters/discord/command-definitions.js';
import { DEFAULT_DISCORD_API_URL } from '../../adapters/discord/discord-mode.js';
import { createDiscordRest } from '../../adapters/discord/discord-rest.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage.js';

const SNOWFLAKE = /^\d{15,25}$/;

interface RegisteredOption {
  name: string;
  type: number;
  options?: RegisteredOption[];
}
interface RegisteredCommand {
  name: string;
  /** 1 a slash command (the default), 3 a message command. */
  type?: number;
  options?: RegisteredOption[];
}

/** Discord's type of a command run from a message's menu (Apps). */
const MESSAGE_COMMAND = 3;

/**
 * `/papers topic since limit sort`, `/digest schedule|off|config|now|settings`, `Paper card (on a message: Apps >
 * Paper card)`.
 */
const describeCommand = (command: RegisteredCommand): string => {
  if (command.type === MESSAGE_COMMAND) return `${command.name} (on a message: Apps > ${command.name})`;
  const options = command.options ?? [];
  const subs = options.filter((option) => option.type === 1);
  if (subs.length > 0) return `/${command.name} ${subs.map((sub) => sub.name).join('|')}`;
  return [`/${command.name}`, ...options.map((option) => option.name)].join(' ');
};

/**
 * `paperboy discord register [--guild ID]`: bulk-overwrites (PUT) paperboy's application commands, globally
 * or for one guild (guild commands update at once; global ones can take a while to show), and prints them.
 */
export const discordCommand: CliCommand = async (context) => {
  const [sub, ...rest] = context.args;
  if (sub !== 'register') {
    throw new UsageError(
      `unknown discord command "${sub ?? ''}"; use: paperboy discord register [--guild ID]`,
    );
  }
  const { values } = parseFlags(rest, { guild: { type: 'string' } });
  const guild = values.guild;
  if (guild !== undefined && !SNOWFLAKE.test(guild)) {
    throw new UsageError(`--guild must be a numeric guild (server) id, got "${guild}"`);
  }
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = context.config;
  const missing = [
    token ? null : 'DISCORD_TOKEN (the bot token: Developer Portal > Bot > Reset Token)',
    applicationId ? null : 'DISCORD_APPLICATION_ID (Developer Portal > General Information > Application ID)',
  ].filter((line): line is string => line !== null);
  if (missing.length > 0 || !token || !applicationId) {
    throw new Error(`registering commands needs ${missing.join(' and ')}`);
  }
  const restClient = createDiscordRest(context.config.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL, token);
  const route = guild
    ? Routes.applicationGuildCommands(applicationId, guild)
    : Routes.applicationCommands(applicationId);
  const registered = (await restClient.put(route, { body: DISCORD_COMMANDS })) as RegisteredCommand[];
  context.out(
    guild
      ? `Registered ${registered.length} commands in guild ${guild} (available now):`
      : `Registered ${registered.length} global commands (Discord may take up to an hour to show changes):`,
  );
  for (const command of registered) context.out(`  ${describeCommand(command)}`);
  return 0;
};
