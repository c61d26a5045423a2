import { type Client, type CloseEvent, Events, type REST } from 'discord.js';
import type { ChatAdapter, ChatAdapterContext } from '../chat-adapter.js';
import { createButtonCodec } from './buttons.js';
import { DISALLOWED_INTENTS, DisallowedIntentsError } from './discord-errors.js';
import { resolveDiscordMode } from './discord-mode.js';
import { createDiscordPoster } from './discord-poster.js';
import { createDiscordRest } from './discord-rest.js';
import { createGatewayClient } from './gateway.js';
import { holdGatewayWhileLeased, postgresGatewayLease, soleGatewayLease } from './gateway-lease.js';
import {
  createInteractionsRoute,
  INTERACTIONS_MAX_BODY_BYTES,
  INTERACTIONS_PATH,
  type ValidatedInteractionHandler,
} from './http-interactions.js';
import { createInteractionHandler } from './interaction-handler.js';
import { createMessageCards } from './message-cards.js';

/**
 * The Discord adapter: a gateway connection and/or `POST /discord/interactions` (see `resolveDiscordMode`),
 * one interaction handler for both, and a REST poster for digests. With `DISCORD_MESSAGE_CONTENT=true` the gateway
 * also reads the messages of server channels and replies to paper links with their cards (`message-cards.ts`);
 * when Discord refuses that intent (4014) `start` logs how to fix it and throws. Throws when the configuration is
 * incomplete; call `resolveDiscordMode` first to report it nicely, or to skip Discord when it is not set.
 *
 * @example
 * const discord = createDiscordAdapter(context);
 * await discord.start(); // mounts the route, logs the gateway in
 */
export interface DiscordAdapterOptions {
  /** How often a replica checks the gateway lease: to take it over, or to let it go (default 30 s). */
  standbyCheckMs?: number;
}

export function createDiscordAdapter(
  context: ChatAdapterContext,
  options: DiscordAdapterOptions = {},
): ChatAdapter {
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
      now: context.now,
    });
  let handler: ReturnType<typeof handlerFor> | undefined;
  // Both edges validate, then hand the interaction to the one handler (made once the REST client exists).
  const handle: ValidatedInteractionHandler = async (interaction, respond) => {
    if (!handler) throw new Error('an interaction arrived before the Discord adapter was created');
    return handler(interaction, respond);
  };
  let onMessage: ReturnType<typeof createMessageCards> | undefined;
  if (mode.gateway) {
    // The client's REST (token set by login) serves interactions and digests alike: one rate-limit state.
    client = createGatewayClient({
      apiUrl: mode.apiUrl,
      handle,
      channels: context.bot.channels,
      logger,
      messageContent: mode.messageContent,
      ...(mode.messageContent
        ? { onMessage: (message) => (onMessage ? onMessage(message) : Promise.resolve()) }
        : {}),
    });
    rest = client.rest.setToken(mode.token);
  } else {
    rest = createDiscordRest(mode.apiUrl, mode.token);
  }
  handler = handlerFor(rest);
  if (mode.messageContent) onMessage = createMessageCards({ bot: context.bot, rest, now: context.now });
  const poster = createDiscordPoster(rest, logger);

  let holder: ReturnType<typeof holdGatewayWhileLeased> | undefined;
  const connect = async (gateway: Client) => {
    let stopWaiting = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = () => {
        stopWaiting();
        resolve();
      };
      // 4014 never recovers (discord.js stops trying), so READY would never come.
      const onDisconnect = (event: CloseEvent) => {
        if (event.code !== DISALLOWED_INTENTS) return;
        stopWaiting();
        reject(new DisallowedIntentsError());
      };
      stopWaiting = () => {
        gateway.off(Events.ClientReady, onReady);
        gateway.off(Events.ShardDisconnect, onDisconnect);
      };
      gateway.once(Events.ClientReady, onReady);
      gateway.on(Events.ShardDisconnect, onDisconnect);
    });
    try {
      await Promise.race([gateway.login(mode.token).then(() => ready), ready]);
    } catch (error) {
      stopWaiting();
      if (error instanceof DisallowedIntentsError) {
        logger.error(error.message);
        await disconnect(gateway);
      }
      throw error;
    }
    logger.info('connected to the Discord gateway', {
      user: gateway.user?.tag,
      messageContent: mode.messageContent,
    });
  };
  const disconnect = async (gateway: Client) => {
    await gateway.destroy();
    // destroy() also clears the REST token, which this replica still posts with.
    rest.setToken(mode.token);
  };

  return {
    name: 'discord',
    poster,
    async start() {
      if (mode.http && mode.publicKey) {
        context.http.route(
          INTERACTIONS_PATH,
          createInteractionsRoute({ publicKey: mode.publicKey, handle, logger, now: context.now }),
          { method: 'POST', maxBodyBytes: INTERACTIONS_MAX_BODY_BYTES },
        );
      }
      if (client) {
        const gateway = client;
        holder = holdGatewayWhileLeased({
          lease: context.config.DATABASE_URL
            ? postgresGatewayLease(context.config.DATABASE_URL, mode.applicationId)
            : soleGatewayLease,
          connect: () => connect(gateway),
          disconnect: () => disconnect(gateway),
          checkMs: options.standbyCheckMs ?? 30_000,
          logger,
        });
        await holder.start();
      }
      logger.info('Discord adapter started', { gateway: mode.gateway, http: mode.http });
    },
    async stop() {
      if (holder) await holder.stop();
      else if (client) await client.destroy();
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}
