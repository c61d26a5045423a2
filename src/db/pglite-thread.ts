import { Worker } from 'node:worker_threads';
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

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerMessage) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedded database thread exited (code ${code})`)));
  }

  static async start(dataDir: string): Promise<PgliteThread> {
    const workerData: PgliteWorkerData = { dataDir };
    const worker = new Worker(workerFile, { workerData });
    const thread = new PgliteThread(worker);
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

  /** Closes the database (PGlite flushes its files) and ends the thread. */
  close(): Promise<void> {
    this.closing ??= this.queue.then(
      () =>
        new Promise<void>((resolve) => {
          if (this.failure) return resolve();
          this.worker.once('exit', () => resolve());
          this.worker.postMessage({ kind: 'close' } satisfies MainMessage);
        }),
    );
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
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'query', id, sql, params, rowMode } satisfies MainMessage);
    });
  }

  private receive(message: WorkerMessage): void {
    if (message.kind !== 'result' && message.kind !== 'error') return;
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.kind === 'result') pending?.resolve(message.result);
    else pending?.reject(fromErrorData(message.error));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
