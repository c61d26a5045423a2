// @ts-check
// Plain JavaScript, so the thread starts the same way from dist/ and from the TypeScript sources (tsx, vitest).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * Runs the embedded database off the main thread: PGlite executes Postgres synchronously, so on the main
 * thread a long query would hold up HTTP acks, timers and the Discord gateway's heartbeat.
 * The messages are described in `pglite-protocol.ts`.
 * @typedef {import('./pglite-protocol.js').MainMessage} MainMessage
 * @typedef {import('./pglite-protocol.js').WorkerMessage} WorkerMessage
 * @typedef {import('./pglite-protocol.js').ErrorData} ErrorData
 */

// Dates, timestamps and intervals stay text, as drizzle's PGlite driver asks for.
/** @param {string} value */
const keepAsText = (value) => value;
const TEXT_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231,
  1115,
  1185,
  1187,
  1182,
];
const parsers = Object.fromEntries(TEXT_TYPES.map((oid) => [oid, keepAsText]));

const port = parentPort;
if (!port) throw new Error('pglite-worker.js runs as a worker thread only');
/** @param {WorkerMessage} message */
const send = (message) => port.postMessage(message);

/**
 * A database error as plain data: its message and Postgres' fields (`code`, `detail`, ...).
 * @param {unknown} error
 * @returns {ErrorData}
 */
function toErrorData(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  /** @type {Record<string, string | number>} */
  const fields = {};
  for (const [key, value] of Object.entries(error))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { name: error.name, message: error.message, fields };
}

const { dataDir, settings } = /** @type {import('./pglite-protocol.js').PgliteWorkerData} */ (workerData);
const started = PGlite.create(dataDir, {
  extensions: { pg_trgm },
  // Given start parameters replace PGlite's defaults, so they are kept and the settings added after them.
  startParams: [
    ...PGlite.defaultStartParams,
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ],
});
started.then(
  () => {
    send({ kind: 'ready' });
    port.on('message', answer);
  },
  (error) => send({ kind: 'failed', error: toErrorData(error) }),
);

/** @type {Map<string, () => Promise<void>>} */
const unlisteners = new Map();

/** @param {MainMessage} message */
async function answer(message) {
  const client = await started;
  if (message.kind === 'close') {
    // Closing the port ends the thread, which the main thread waits for.
    await client.close();
    port?.close();
    return;
  }
  if (message.kind === 'listen') {
    try {
      const { channel } = message;
      if (message.listening && !unlisteners.has(channel)) {
        const unlisten = await client.listen(channel, (payload) =>
          send({ kind: 'notification', channel, payload }),
        );
        unlisteners.set(channel, unlisten);
      } else if (!message.listening) {
        await unlisteners.get(channel)?.();
        unlisteners.delete(channel);
      }
      send({ kind: 'result', id: message.id, result: { rows: [], fields: [] } });
    } catch (error) {
      send({ kind: 'error', id: message.id, error: toErrorData(error) });
    }
    return;
  }
  try {
    const options = { rowMode: message.rowMode, parsers };
    const { rows, fields, affectedRows } = await client.query(message.sql, message.params, options);
    const result = { rows, fields, ...(affectedRows === undefined ? {} : { affectedRows }) };
    send({ kind: 'result', id: message.id, result });
  } catch (error) {
    send({ kind: 'error', id: message.id, error: toErrorData(error) });
  }
}
