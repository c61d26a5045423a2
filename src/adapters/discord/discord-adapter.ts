import { type Client, Events, type REST } from 'discord.js';
import type { ChatAdapter, ChatAdapterContext } from '../chat-adapter.js';
import { createButtonCodec } from './buttons.js';
import { resolveDiscordMode } from './discord-mode.js';
import { createDiscordPoster } from './discord-poster.js';
import { createDiscordRest } from './discord-rest.js';
import { createGatewayClient } from './gateway.js';
import { createInteractionsRoute, INTERACTIONS_PATH } from './http-interactions.js';
import { createInteractionHandler } from './interaction-handler.js';

/**
 * The Discord adapter: a gateway connection and/or `POST /discord/interactions` (see `resolveDiscordMode`),
 * one interaction handler for both, and a REST poster for digests. Throws when the configuration is
 * incomplete; call `resolveDiscordMode` first to report it nicely, or to skip Discord when it is not set.
 *
 * @example
 * const discord = createDiscordAdapter(context);
 * await discord.start(); // mounts the route, logs the gateway in
 */
export function createDiscordAdapter(context: ChatAdapterContext): ChatAdapter {
  const resolved = resolveDiscordMode(context.config);
  if (!resolved.ok) throw new Error(resolved.error.join('\n'));
  const mode = resolved.value;
  if (!mode) throw new Error('Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID.');
  const logger = context.logger.child({ adapter: 'discord' });

  let client: Client | null = null;
  let rest: REST;
  const handlerFor = (restClient: REST) =>
    createInteractionHandler({
      bot: context.bot,
      rest: restClient,
      applicationId: mode.applicationId,
      buttons: createButtonCodec(),
      logger,
      now: context.now,
    });
  let handle: ReturnType<typeof handlerFor>;
  if (mode.gateway) {
    // The client's REST (token set by login) serves interactions and digests alike: one rate-limit state.
    let gatewayHandle: typeof handle | undefined;
    client = createGatewayClient({
      apiUrl: mode.apiUrl,
      handle: (interaction, respond) => (gatewayHandle as typeof handle)(interaction, respond),
      channels: context.bot.channels,
      logger,
    });
    rest = client.rest.setToken(mode.token);
    handle = handlerFor(rest);
    gatewayHandle = handle;
  } else {
    rest = createDiscordRest(mode.apiUrl, mode.token);
    handle = handlerFor(rest);
  }
  const poster = createDiscordPoster(rest, logger);

  return {
    name: 'discord',
    poster,
    async start() {
      if (mode.http && mode.publicKey) {
        context.http.route(
          INTERACTIONS_PATH,
          createInteractionsRoute({ publicKey: mode.publicKey, handle, logger, now: context.now }),
          'POST',
        );
      }
      if (client) {
        const ready = new Promise<void>((resolve) => client?.once(Events.ClientReady, () => resolve()));
        await client.login(mode.token);
        await ready;
        logger.info('connected to the Discord gateway', { user: client.user?.tag });
      }
      logger.info('Discord adapter started', { gateway: mode.gateway, http: mode.http });
    },
    async stop() {
      if (client) await client.destroy();
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}
