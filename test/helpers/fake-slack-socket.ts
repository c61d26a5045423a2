import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** What a Socket Mode client sent back for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * A fake Slack Socket Mode server (`ws://127.0.0.1:<port>/link`): it greets each connection with `hello`, sends
 * envelopes (`slash_commands`, `interactive`, `events_api`) on request and resolves with the client's ack, failing
 * if an ack names no envelope it sent.
 *
 * @example
 * const socket = await startFakeSocketMode();
 * fakeSlack.setSocketUrl(socket.url);
 * const ack = await socket.send('slash_commands', { command: '/papers', text: 'help', ... });
 */
export async function startFakeSocketMode() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const pending = new Map<string, (ack: SocketAck) => void>();
  const strayAcks: unknown[] = [];
  let connection: WebSocket | null = null;
  const connected: (() => void)[] = [];

  server.on('connection', (socket) => {
    connection = socket;
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A1' },
      }),
    );
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      const resolve = pending.get(ack.envelope_id);
      if (!resolve) strayAcks.push(ack);
      pending.delete(ack.envelope_id);
      resolve?.(ack);
    });
    for (const resolve of connected.splice(0)) resolve();
  });

  return {
    url: `ws://127.0.0.1:${port}/link?ticket=fake`,
    strayAcks,
    /** Resolves once a client is connected (it has been sent `hello`). */
    connected: () =>
      connection ? Promise.resolve() : new Promise<void>((resolve) => connected.push(resolve)),
    /** Sends an envelope and resolves with its ack. */
    send(
      type: string,
      payload: Record<string, unknown>,
      timeoutMs = 10_000,
    ): Promise<SocketAck & { ms: number }> {
      const socket = connection;
      if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
      const envelopeId = randomUUID();
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack for ${type} envelope`)), timeoutMs);
        pending.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve({ ...ack, ms: performance.now() - started });
        });
        socket.send(
          JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }),
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
