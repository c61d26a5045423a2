import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/** The intents an app must switch on in the Developer Portal before it may ask for them. */
export type PrivilegedIntent = 'GuildMembers' | 'GuildPresences' | 'MessageContent';

/** Gateway intent bits (discord-api-types' `GatewayIntentBits`). */
export const INTENTS = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

/** Close code 4014: the identify asked for a privileged intent the app does not have. */
export const DISALLOWED_INTENTS = 4014;

/** The fields of a message that only an app with Message Content sees (empty for the others). */
const CONTENT_FIELDS = { content: '', embeds: [], attachments: [], components: [] } as const;

interface MessageDispatch {
  guild_id?: string;
  author?: { id?: string };
  mentions?: { id?: string }[];
  poll?: unknown;
}

/**
 * A local Discord gateway (JSON encoding, no compression) that speaks just enough for discord.js to log in:
 * HELLO on connect, READY after IDENTIFY, ACK for each heartbeat; tests then `dispatch` events such as
 * `INTERACTION_CREATE`, `GUILD_CREATE` and `GUILD_DELETE` to every connected client.
 *
 * Intents are enforced as Discord does: an identify asking for a privileged intent (`GuildMembers`,
 * `GuildPresences`, `MessageContent`) the app lacks (`privilegedIntents`) is closed with 4014 "Disallowed
 * intent(s)"; `MESSAGE_CREATE` and `MESSAGE_UPDATE` reach only a client with `GuildMessages` (for a guild's message)
 * or `DirectMessages` (a DM), and without `MessageContent` they arrive with `content`, `embeds`, `attachments`
 * and `components` empty, except for the app's own messages, DMs and messages that mention it.
 */
export async function createFakeGateway(options: {
  applicationId: string;
  privilegedIntents?: readonly PrivilegedIntent[];
}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  const botUserId = '300000000000000001';
  const sockets = new Set<WebSocket>();
  /** The intents each identified client asked for. */
  const intentsOf = new Map<WebSocket, number>();
  const allowed = new Set(options.privilegedIntents ?? []);
  const privileged = (['GuildMembers', 'GuildPresences', 'MessageContent'] as const).filter(
    (name) => !allowed.has(name),
  );
  const identified: unknown[] = [];
  const refused: { intents: number; code: number }[] = [];
  let sequence = 0;
  let readyWaiters: (() => void)[] = [];

  const sendTo = (socket: WebSocket, payload: GatewayPayload) => socket.send(JSON.stringify(payload));
  const dispatchTo = (socket: WebSocket, t: string, d: unknown) => {
    sequence += 1;
    sendTo(socket, { op: 0, t, s: sequence, d });
  };

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      intentsOf.delete(socket);
    });
    sendTo(socket, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as GatewayPayload;
      if (payload.op === 1) sendTo(socket, { op: 11, s: null, t: null });
      if (payload.op === 2 || payload.op === 6) {
        const intents = Number((payload.d as { intents?: unknown } | undefined)?.intents ?? 0);
        if (payload.op === 2 && privileged.some((name) => (intents & INTENTS[name]) !== 0)) {
          refused.push({ intents, code: DISALLOWED_INTENTS });
          socket.close(DISALLOWED_INTENTS, 'Disallowed intent(s).');
          return;
        }
        intentsOf.set(socket, intents);
        identified.push(payload.d);
        dispatchTo(socket, 'READY', {
          v: 10,
          user: {
            id: botUserId,
            username: 'paperboy',
            discriminator: '0',
            global_name: null,
            avatar: null,
            bot: true,
          },
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: url,
          shard: [0, 1],
          application: { id: options.applicationId, flags: 0 },
        });
        const waiting = readyWaiters;
        readyWaiters = [];
        for (const resolve of waiting) resolve();
      }
    });
  });

  /** The message as a client with these intents receives it, or null when it receives none. */
  function asSeenBy(intents: number, message: MessageDispatch): MessageDispatch | null {
    const direct = message.guild_id === undefined;
    if ((intents & (direct ? INTENTS.DirectMessages : INTENTS.GuildMessages)) === 0) return null;
    const exempt =
      direct ||
      message.author?.id === botUserId ||
      (message.mentions ?? []).some((user) => user.id === botUserId);
    if ((intents & INTENTS.MessageContent) !== 0 || exempt) return message;
    const { poll: _poll, ...rest } = message;
    return { ...rest, ...CONTENT_FIELDS };
  }

  return {
    url,
    botUserId,
    /** IDENTIFY payloads received (token, intents, ...). */
    identified,
    /** Clients connected right now. */
    connections: () => sockets.size,
    /** IDENTIFYs refused, with the intents they asked for and the close code sent. */
    refused,
    /**
     * Sends a dispatch event to every connected client; a message only to those whose intents let them see it,
     * without its content where they lack Message Content.
     */
    dispatch(t: string, d: unknown) {
      for (const socket of sockets) {
        if (t !== 'MESSAGE_CREATE' && t !== 'MESSAGE_UPDATE') {
          dispatchTo(socket, t, d);
          continue;
        }
        const seen = asSeenBy(intentsOf.get(socket) ?? 0, d as MessageDispatch);
        if (seen) dispatchTo(socket, t, seen);
      }
    },
    /** Resolves once a client has identified (READY sent). */
    whenIdentified(): Promise<void> {
      if (identified.length > 0) return Promise.resolve();
      return new Promise((resolve) => readyWaiters.push(resolve));
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeGateway = Awaited<ReturnType<typeof createFakeGateway>>;
