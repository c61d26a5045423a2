import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/**
 * A local Discord gateway (JSON encoding, no compression) that speaks just enough for discord.js to log in:
 * HELLO on connect, READY after IDENTIFY, ACK for each heartbeat; tests then `dispatch` events such as
 * `INTERACTION_CREATE`, `GUILD_CREATE` and `GUILD_DELETE` to every connected client.
 */
export async function createFakeGateway(options: { applicationId: string }) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  const botUserId = '300000000000000001';
  const sockets = new Set<WebSocket>();
  const identified: unknown[] = [];
  let sequence = 0;
  let readyWaiters: (() => void)[] = [];

  const sendTo = (socket: WebSocket, payload: GatewayPayload) => socket.send(JSON.stringify(payload));
  const dispatchTo = (socket: WebSocket, t: string, d: unknown) => {
    sequence += 1;
    sendTo(socket, { op: 0, t, s: sequence, d });
  };

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    sendTo(socket, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as GatewayPayload;
      if (payload.op === 1) sendTo(socket, { op: 11, s: null, t: null });
      if (payload.op === 2 || payload.op === 6) {
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

  return {
    url,
    botUserId,
    /** IDENTIFY payloads received (token, intents, ...). */
    identified,
    /** Clients connected right now. */
    connections: () => sockets.size,
    /** Sends a dispatch event to every connected client. */
    dispatch(t: string, d: unknown) {
      for (const socket of sockets) dispatchTo(socket, t, d);
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
