import type { Client } from 'discord.js';
import type { Logger } from '../../core/logger.js';

/** What the guard needs of discord.js's `WebSocketManager`: the method it runs on every dispatch. */
interface PacketHandling {
  handlePacket?: (packet?: { t?: string | null }, shard?: unknown) => boolean;
}

/**
 * Keeps a gateway packet discord.js cannot read from becoming an unhandled rejection. discord.js builds its own
 * objects from every dispatch in `WebSocketManager#handlePacket`, called from an async message handler of
 * `@discordjs/ws` that nobody awaits, so a throw there (14.28 throws on an `INTERACTION_CREATE` without
 * `entitlements` or `authorizing_integration_owners`) rejects with no handler and can end the process.
 *
 * paperboy takes interactions and messages from the raw dispatch (`Events.Raw`, emitted before `handlePacket`) and
 * never uses discord.js's interaction or message objects, so `INTERACTION_CREATE` and `MESSAGE_CREATE` skip
 * discord.js's processing altogether; any other packet discord.js fails on is logged and dropped. The wrapper sits on this client's manager only.
 */
export function guardGatewayPackets(client: Client, logger: Logger): void {
  // `handlePacket` is private in discord.js's typings; this is the one place that reaches it.
  const manager = client.ws as unknown as PacketHandling;
  const original = manager.handlePacket;
  if (typeof original !== 'function') {
    throw new Error(
      'discord.js no longer has WebSocketManager#handlePacket: update gateway-packet-guard.ts for this discord.js version.',
    );
  }
  manager.handlePacket = (packet, shard) => {
    if (packet?.t === 'INTERACTION_CREATE' || packet?.t === 'MESSAGE_CREATE') return true;
    try {
      return original.call(manager, packet, shard);
    } catch (error) {
      logger.warn('dropped a gateway packet discord.js could not read', { event: packet?.t, error });
      return true;
    }
  };
}
