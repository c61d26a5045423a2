/** Messages between the main thread and the thread that runs PGlite (`pglite-worker.js`). */

export interface PgliteWorkerData {
  dataDir: string;
  /** Postgres settings the database starts with (`shared_buffers: '32MB'`), on top of PGlite's own. */
  settings: Readonly<Record<string, string>>;
}

export interface QueryRequest {
  id: number;
  sql: string;
  params: unknown[];
  rowMode: 'array' | 'object';
}

export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

/** A database error as plain data: its message and Postgres' fields (`code`, `detail`, `constraint`, ...). */
export interface ErrorData {
  name: string;
  message: string;
  fields: Record<string, string | number>;
}

export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'failed'; error: ErrorData }
  | { kind: 'result'; id: number; result: QueryResult }
  | { kind: 'error'; id: number; error: ErrorData }
  /** A NOTIFY on a channel the main thread listens on. */
  | { kind: 'notification'; channel: string; payload: string };

export type MainMessage =
  | ({ kind: 'query' } & QueryRequest)
  /** LISTEN (`listening: true`) or UNLISTEN on a channel; answered like a query, with an empty result. */
  | { kind: 'listen'; id: number; channel: string; listening: boolean }
  | { kind: 'close' };

export function fromErrorData(data: ErrorData): Error {
  const error = Object.assign(new Error(data.message), data.fields);
  error.name = data.name;
  return error;
}
