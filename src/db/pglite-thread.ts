import { Worker } from 'node:worker_threads';
import { isWriteStatement } from './database-health.js';
import {
  fromErrorData,
  type MainMessage,
  type PgliteWorkerData,
  type QueryResult,
  type WorkerMessage,
} from './pglite-protocol.js';

/** What drizzle's PGlite driver calls on its client. */
export interface PgliteQueryable {
  query(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<QueryResult>;
}

interface Pending {
  resolve: (result: QueryResult) => void;
  reject: (error: Error) => void;
  /** The statement writes rows (insert, update, delete). */
  writes: boolean;
}

/** Told how queries end, so the database's health can be tracked (e.g. a full disk). */
export interface PgliteObserver {
  failed(error: Error): void;
  /** A statement that writes rows worked (so there is space on disk). */
  wrote(): void;
  /** The thread ended without being closed: every query fails from now on. */
  gone(error: Error): void;
}

const workerFile = new URL('./pglite-worker.js', import.meta.url);

/**
 * PGlite in a worker thread, with the client interface drizzle's PGlite driver uses (`query`, `transaction`).
 * Queries run one at a time, and a transaction holds the database until it ends, as in PGlite itself.
 */
export class PgliteThread implements PgliteQueryable {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();

  private constructor(
    private readonly worker: Worker,
    private readonly observer: PgliteObserver | undefined,
  ) {
    worker.on('message', (message: WorkerMessage) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedded database thread exited (code ${code})`)));
  }

  /** Starts PGlite on `dataDir` with the Postgres `settings` given (`{ shared_buffers: '32MB' }`). */
  static async start(
    dataDir: string,
    observer?: PgliteObserver,
    settings: Readonly<Record<string, string>> = {},
  ): Promise<PgliteThread> {
    const workerData: PgliteWorkerData = { dataDir, settings };
    const worker = new Worker(workerFile, { workerData });
    const thread = new PgliteThread(worker, observer);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.kind === 'ready') resolve();
        if (message.kind === 'failed') reject(fromErrorData(message.error));
        if (message.kind === 'ready' || message.kind === 'failed') worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('exit', (code) => reject(new Error(`the embedded database thread exited (code ${code})`)));
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return thread;
  }

  query(
    sql: string,
    params: unknown[] = [],
    options?: { rowMode?: 'array' | 'object' },
  ): Promise<QueryResult> {
    return this.exclusive(() => this.send(sql, params, options?.rowMode));
  }

  /** Runs `work` between BEGIN and COMMIT (ROLLBACK when it throws); nothing else runs meanwhile. */
  transaction<T>(work: (tx: PgliteQueryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const tx: PgliteQueryable = {
        query: (sql, params = [], options) => this.send(sql, params, options?.rowMode),
      };
      await this.send('begin', []);
      try {
        const result = await work(tx);
        await this.send('commit', []);
        return result;
      } catch (error) {
        await this.send('rollback', []).catch(() => {});
        throw error;
      }
    });
  }

  /**
   * LISTEN on `channel`: `onNotify` gets the payload of each NOTIFY on it (sent by anyone on this database).
   * Resolves, once listening, to a function that stops.
   */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    let callbacks = this.listeners.get(channel);
    if (!callbacks) {
      callbacks = new Set();
      this.listeners.set(channel, callbacks);
      await this.exclusive(() => this.sendListen(channel, true)).catch((error: unknown) => {
        this.listeners.delete(channel);
        throw error;
      });
    }
    callbacks.add(onNotify);
    return async () => {
      callbacks.delete(onNotify);
      if (callbacks.size > 0 || this.listeners.get(channel) !== callbacks) return;
      this.listeners.delete(channel);
      if (!this.closing && !this.failure) await this.exclusive(() => this.sendListen(channel, false));
    };
  }

  /**
   * Closes the database (PGlite flushes its files) and ends the thread, after the queries queued before it. If
   * that takes longer than `timeoutMs` (a query that does not end), the thread is stopped as it is: PGlite then
   * recovers from its write-ahead log on the next start, as after a crash.
   */
  close(timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const exited = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            this.worker.off('exit', exited);
            void this.worker.terminate().then(() => resolve(), resolve);
          }, timeoutMs)
        : undefined;
      if (this.failure) return exited();
      this.worker.once('exit', exited);
      void this.queue.then(() => this.worker.postMessage({ kind: 'close' } satisfies MainMessage));
    });
    return this.closing;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('the embedded database is closed'));
    const result = this.queue.then(work);
    this.queue = result.catch(() => {});
    return result;
  }

  private send(sql: string, params: unknown[], rowMode: 'array' | 'object' = 'object'): Promise<QueryResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<QueryResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, writes: isWriteStatement(sql) });
      this.worker.postMessage({ kind: 'query', id, sql, params, rowMode } satisfies MainMessage);
    });
  }

  private sendListen(channel: string, listening: boolean): Promise<QueryResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<QueryResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, writes: false });
      this.worker.postMessage({ kind: 'listen', id, channel, listening } satisfies MainMessage);
    });
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'notification') {
      for (const callback of this.listeners.get(message.channel) ?? []) callback(message.payload);
      return;
    }
    if (message.kind !== 'result' && message.kind !== 'error') return;
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.kind === 'result') {
      if (pending?.writes) this.observer?.wrote();
      pending?.resolve(message.result);
      return;
    }
    const error = fromErrorData(message.error);
    this.observer?.failed(error);
    pending?.reject(error);
  }

  private fail(error: Error): void {
    if (!this.failure && !this.closing) this.observer?.gone(error);
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
