import { Client, Events, GatewayIntentBits, type Guild, Routes } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { ChannelStore } from '../../core/ports.js';
import { restOptions } from './discord-rest.js';
import type { InteractionHandler } from './interaction-handler.js';
import type { InteractionResponse, RawInteraction } from './interaction-types.js';

/**
 * A discord.js `Client` with the `Guilds` intent only. Interactions are taken as Discord sent them (the raw
 * `INTERACTION_CREATE` dispatch), so the gateway and HTTP interactions feed the same handler with the same
 * payload; the initial response goes to `POST /interactions/{id}/{token}/callback` through the client's REST.
 * `guildDelete` (the bot was removed, not an outage) deactivates the guild's channels.
 */
export function createGatewayClient(options: {
  apiUrl: string;
  handle: InteractionHandler;
  channels: ChannelStore;
  logger: Logger;
}): Client {
  const log = options.logger.child({ component: 'discord-gateway' });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(options.apiUrl) });

  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
    if (packet.t !== 'INTERACTION_CREATE') return;
    const interaction = packet.d as RawInteraction;
    const respond = async (response: InteractionResponse) => {
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: response,
        auth: false,
      });
    };
    options.handle(interaction, respond).catch((error: unknown) => {
      log.error('interaction failed', { error, type: interaction.type });
    });
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
