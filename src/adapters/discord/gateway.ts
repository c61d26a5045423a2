import { Client, Events, GatewayIntentBits, type Guild, Routes } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { ChannelStore } from '../../core/ports.js';
import { restOptions } from './discord-rest.js';
import { guardGatewayPackets } from './gateway-packet-guard.js';
import type { ValidatedInteractionHandler } from './http-interactions.js';
import { parseInteraction } from './interaction-schema.js';
import type { InteractionResponse } from './interaction-types.js';

/**
 * A discord.js `Client` with the `Guilds` intent only. Interactions are taken as Discord sent them (the raw
 * `INTERACTION_CREATE` dispatch) and validated like HTTP interactions, so both feed the same handler with the
 * same payload; one that does not validate, or lacks the id and token its callback needs, is logged and
 * dropped. The initial response goes to `POST /interactions/{id}/{token}/callback` through the client's REST.
 * `guildDelete` (the bot was removed, not an outage) deactivates the guild's channels.
 */
export function createGatewayClient(options: {
  apiUrl: string;
  handle: ValidatedInteractionHandler;
  channels: ChannelStore;
  logger: Logger;
}): Client {
  const log = options.logger.child({ component: 'discord-gateway' });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(options.apiUrl) });
  guardGatewayPackets(client, log);

  // A listener that threw would reject inside discord.js's message handling, unhandled: this one cannot throw.
  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
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
