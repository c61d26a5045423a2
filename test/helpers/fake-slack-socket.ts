import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** What a Socket Mode client sent back for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** A Socket Mode envelope as Slack sends it. */
export interface SocketEnvelope {
  envelope_id: string;
  type: string;
  payload: Record<string, unknown>;
  accepts_response_payload?: boolean;
  [field: string]: unknown;
}

const DEFAULT_HELLO = {
  type: 'hello',
  num_connections: 1,
  debug_info: { host: 'fake', approximate_connection_time: 3600 },
  connection_info: { app_id: 'A1' },
};

/**
 * A fake Slack Socket Mode server (`ws://127.0.0.1:<port>/link`): it greets each connection with `hello` (its
 * own, or the one given, e.g. a recorded one), sends envelopes (`slash_commands`, `interactive`, `events_api`)
 * on request and resolves with the client's ack, failing if an ack names no envelope it sent. `frame` sends
 * anything else (a `disconnect`); `nextConnection` waits for the client to connect again.
 *
 * @example
 * const socket = await startFakeSocketMode();
 * fakeSlack.setSocketUrl(socket.url);
 * const ack = await socket.send('slash_commands', { command: '/papers', text: 'help', ... });
 */
export async function startFakeSocketMode(options: { hello?: Record<string, unknown> } = {}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const pending = new Map<string, (ack: SocketAck) => void>();
  const strayAcks: unknown[] = [];
  let connection: WebSocket | null = null;
  let connections = 0;
  const connected: { after: number; resolve: () => void }[] = [];

  server.on('connection', (socket) => {
    connection = socket;
    connections += 1;
    socket.on('close', () => {
      if (connection === socket) connection = null;
    });
    socket.send(JSON.stringify(options.hello ?? DEFAULT_HELLO));
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      const resolve = pending.get(ack.envelope_id);
      if (!resolve) strayAcks.push(ack);
      pending.delete(ack.envelope_id);
      resolve?.(ack);
    });
    for (const waiter of connected.splice(0)) {
      if (connections > waiter.after) waiter.resolve();
      else connected.push(waiter);
    }
  });

  const waitForConnection = (after: number) =>
    connections > after && connection
      ? Promise.resolve()
      : new Promise<void>((resolve) => connected.push({ after, resolve }));

  /** Sends a whole envelope and resolves with its ack. */
  function sendEnvelope(envelope: SocketEnvelope, timeoutMs = 10_000): Promise<SocketAck & { ms: number }> {
    const socket = connection;
    if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelope.type} envelope`)), timeoutMs);
      pending.set(envelope.envelope_id, (ack) => {
        clearTimeout(timer);
        resolve({ ...ack, ms: performance.now() - started });
      });
      socket.send(JSON.stringify(envelope));
    });
  }

  return {
    url: `ws://127.0.0.1:${port}/link?ticket=fake`,
    strayAcks,
    /** How many times a client connected. */
    connections: () => connections,
    /** Resolves once a client is connected (it has been sent `hello`). */
    connected: () => waitForConnection(0),
    /** Resolves once a client connects again after the `count`-th connection. */
    nextConnection: (count = connections) => waitForConnection(count),
    /** Sends an envelope and resolves with its ack. */
    send: (type: string, payload: Record<string, unknown>, timeoutMs = 10_000) =>
      sendEnvelope({ envelope_id: randomUUID(), type, payload, accepts_response_payload: true }, timeoutMs),
    sendEnvelope,
    /** Sends a frame that is not an envelope (nothing acks it), e.g. `{ type: 'disconnect', reason }`. */
    frame(frame: Record<string, unknown>) {
      if (!connection) throw new Error('no Socket Mode client is connected');
      connection.send(JSON.stringify(frame));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
