import { ChannelType, Client, Events, GatewayIntentBits, type Guild, Options, Routes } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { ChannelStore } from '../../core/ports.js';
import { restOptions } from './discord-rest.js';
import { guardGatewayPackets } from './gateway-packet-guard.js';
import type { ValidatedInteractionHandler } from './http-interactions.js';
import {
  type DiscordMessageSeen,
  isWrittenByPerson,
  parseGatewayMessage,
  parseInteraction,
} from './interaction-schema.js';
import type { InteractionResponse } from './interaction-types.js';

/** The intents paperboy asks for: `Guilds` only, unless it reads messages (`DISCORD_MESSAGE_CONTENT`). */
export const gatewayIntents = (messageContent: boolean): number =>
  messageContent
    ? GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent
    : GatewayIntentBits.Guilds;

/** Channels whose messages get cards: a server's text and announcement channels. */
const CARD_CHANNELS = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/**
 * A discord.js `Client` with the `Guilds` intent only, or, with `messageContent`, also `GuildMessages` and the
 * privileged `MessageContent`. Interactions are taken as Discord sent them (the raw `INTERACTION_CREATE`
 * dispatch) and validated like HTTP interactions, so both feed the same handler with the same payload; one that
 * does not validate, or lacks the id and token its callback needs, is logged and dropped. The initial response
 * goes to `POST /interactions/{id}/{token}/callback` through the client's REST. `guildDelete` (the bot was
 * removed, not an outage) deactivates the guild's channels.
 *
 * With `onMessage`, a raw `MESSAGE_CREATE` that validates, was written in a server by a person (not a bot,
 * paperboy included, nor a webhook) and is not in a channel known to be other than a text or announcement
 * channel is handed to it. discord.js keeps no messages (its message cache is off): paperboy never reads them back.
 */
export function createGatewayClient(options: {
  apiUrl: string;
  handle: ValidatedInteractionHandler;
  channels: ChannelStore;
  logger: Logger;
  /** Ask for the message intents (Message Content must be enabled for the bot in the Developer Portal). */
  messageContent?: boolean;
  /** A person's message in a server channel; it must not throw (errors are logged). */
  onMessage?: (message: DiscordMessageSeen & { guild_id: string }) => Promise<void>;
}): Client {
  const log = options.logger.child({ component: 'discord-gateway' });
  const client = new Client({
    intents: gatewayIntents(options.messageContent === true),
    rest: restOptions(options.apiUrl),
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
  guardGatewayPackets(client, log);

  const onMessage = options.onMessage;
  const readMessage = (body: unknown) => {
    if (!onMessage) return;
    const parsed = parseGatewayMessage(body);
    if (!parsed.ok) {
      log.debug('dropped a gateway message paperboy cannot read', { problems: parsed.error });
      return;
    }
    const message = parsed.value;
    const { guild_id: guildId } = message;
    if (guildId === undefined || !isWrittenByPerson(message) || message.author.id === client.user?.id) return;
    const type = client.channels.cache.get(message.channel_id)?.type;
    if (type !== undefined && !CARD_CHANNELS.has(type)) return;
    Promise.resolve()
      .then(() => onMessage({ ...message, guild_id: guildId }))
      .catch((error: unknown) =>
        log.error('could not answer a message', { error, channel: message.channel_id }),
      );
  };

  // A listener that threw would reject inside discord.js's message handling, unhandled: this one cannot throw.
  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
    if (packet?.t === 'MESSAGE_CREATE') return readMessage(packet.d);
    if (packet?.t !== 'INTERACTION_CREATE') return;
    const parsed = parseInteraction(packet.d);
    if (!parsed.ok) {
      log.warn('dropped a gateway interaction paperboy cannot read', { problems: parsed.error });
      return;
    }
    const interaction = parsed.value;
    const { id, token } = interaction;
    if (id === undefined || token === undefined) {
      log.warn('dropped a gateway interaction without the id and token its answer needs', {
        type: interaction.type,
      });
      return;
    }
    const respond = async (response: InteractionResponse) => {
      await client.rest.post(Routes.interactionCallback(id, token), { body: response, auth: false });
    };
    Promise.resolve()
      .then(() => options.handle(interaction, respond))
      .catch((error: unknown) => log.error('interaction failed', { error, type: interaction.type }));
  });

  client.on(Events.GuildDelete, (guild: Guild) => {
    deactivateGuild(options.channels, guild.id).catch((error: unknown) => {
      log.error('could not deactivate the channels of a removed guild', { guild: guild.id, error });
    });
  });
  client.on(Events.Error, (error) => log.error('gateway error', { error }));
  return client;
}

/** Marks every channel of a guild inactive: the bot was removed from it (or the guild was deleted). */
export async function deactivateGuild(channels: ChannelStore, guildId: string): Promise<number> {
  const affected = (await channels.list()).filter(
    (channel) => channel.platform === 'discord' && channel.workspaceId === guildId && channel.active,
  );
  for (const channel of affected) await channels.setActive(channel, false, 'guild removed');
  return affected.length;
}
