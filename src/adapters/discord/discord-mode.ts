import type { Config } from '../../config.js';
import { err, ok, type Result } from '../../core/result.js';

/** How paperboy talks to Discord, read from the configuration. */
export interface DiscordMode {
  /** Hold a gateway connection (interactions and `guildDelete`); only one replica per shard should. */
  gateway: boolean;
  /** Serve `POST /discord/interactions` (set when DISCORD_PUBLIC_KEY is). */
  http: boolean;
  /** The bot token; REST posts with it in every mode. */
  token: string;
  applicationId: string;
  publicKey?: string;
  /** The `api` option of @discordjs/rest. */
  apiUrl: string;
  /**
   * Read the messages of server channels (the privileged Message Content intent) and reply to paper links with
   * their cards (`DISCORD_MESSAGE_CONTENT`); off, only the "Paper card" message command makes cards.
   */
  messageContent: boolean;
}

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

type DiscordConfig = Pick<
  Config,
  'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_PUBLIC_KEY' | 'DISCORD_GATEWAY' | 'DISCORD_API_URL'
> &
  Partial<Pick<Config, 'DISCORD_MESSAGE_CONTENT'>>;

/**
 * Which Discord transports to run: the gateway by default when `DISCORD_TOKEN` is set, HTTP interactions when
 * `DISCORD_PUBLIC_KEY` is set, HTTP only with `DISCORD_GATEWAY=false`. `ok(null)` when Discord is not
 * configured at all; otherwise every missing setting is listed with how to fix it. `DISCORD_MESSAGE_CONTENT=true`
 * needs the gateway: messages reach a bot only there.
 *
 * @example
 * resolveDiscordMode({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GATEWAY: true });
 * // ok({ gateway: true, http: false, token: 't', applicationId: '123456789012345678', apiUrl: 'https://discord.com/api', messageContent: false })
 */
export function resolveDiscordMode(config: DiscordConfig): Result<DiscordMode | null, string[]> {
  const token = config.DISCORD_TOKEN;
  const applicationId = config.DISCORD_APPLICATION_ID;
  const publicKey = config.DISCORD_PUBLIC_KEY;
  if (!token && !applicationId && !publicKey) return ok(null);
  const errors: string[] = [];
  if (!applicationId) {
    errors.push(
      'DISCORD_APPLICATION_ID is required to register commands and answer interactions. Copy it from the Developer Portal (General Information > Application ID).',
    );
  }
  if (!token) {
    errors.push(
      config.DISCORD_GATEWAY && !publicKey
        ? 'DISCORD_TOKEN is required to connect to the Discord gateway and to post digests. Copy the bot token from the Developer Portal (Bot > Reset Token).'
        : 'DISCORD_TOKEN is required to post digests and edit deferred replies, even with HTTP interactions. Copy the bot token from the Developer Portal (Bot > Reset Token).',
    );
  }
  if (!config.DISCORD_GATEWAY && !publicKey) {
    errors.push(
      'DISCORD_PUBLIC_KEY is required when DISCORD_GATEWAY=false (HTTP interactions only). Copy the Public Key from the Developer Portal (General Information), or set DISCORD_GATEWAY=true.',
    );
  }
  const messageContent = config.DISCORD_MESSAGE_CONTENT === true;
  if (messageContent && !config.DISCORD_GATEWAY) {
    errors.push(
      'DISCORD_MESSAGE_CONTENT=true needs the gateway: Discord sends messages to bots only there. Set DISCORD_GATEWAY=true, or unset DISCORD_MESSAGE_CONTENT (the "Paper card" message command works either way).',
    );
  }
  if (errors.length > 0 || !token || !applicationId) return err(errors);
  return ok({
    gateway: config.DISCORD_GATEWAY,
    http: publicKey !== undefined,
    token,
    applicationId,
    ...(publicKey ? { publicKey } : {}),
    apiUrl: config.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL,
    messageContent,
  });
}
