import type postgres from 'postgres';
import { type HealthMonitor, isWriteStatement } from './database-health.js';

/** A new connection gives up after this long (postgres.js waits 30 s by default). */
const CONNECT_TIMEOUT_SECONDS = 2;
/** The longest pause between reconnection attempts (postgres.js grows it to 20 s, shared by the whole pool). */
const MAX_RECONNECT_DELAY_SECONDS = 0.5;

/**
 * postgres.js options that keep an outage short for callers: a connection attempt gives up after 2 s, and the
 * pause before the next attempt grows from 50 ms to at most 0.5 s. With postgres.js's defaults a query waited in
 * the reconnect backoff for up to 20 s, and readiness needed 9 s to return after the server did.
 */
export function resilientPostgresOptions(): postgres.Options<Record<string, postgres.PostgresType>> {
  return {
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: (retries: number) =>
      Math.min(0.05 * 2 ** retries, MAX_RECONNECT_DELAY_SECONDS) * (0.75 + Math.random() / 4),
    onnotice: () => {},
  };
}

type Sql = postgres.Sql<Record<string, unknown>>;
type Query = ReturnType<Sql['unsafe']>;

/** A stand-in for a query that fails at once: awaited directly or through `.values()`, as drizzle does. */
function failedQuery(error: Error): Query {
  const failed = Promise.reject(error);
  failed.catch(() => {});
  return Object.assign(failed, { values: () => failed, raw: () => failed, execute: () => failed }) as never;
}

/**
 * The client drizzle is given: while `health` knows the server is unreachable, `unsafe` and `begin` (all that
 * drizzle calls) fail at once instead of queueing for a connection; otherwise they run as usual, and each
 * outcome tells `health` whether the server answers. Everything else is the client itself.
 */
export function guardedClient(client: Sql, health: HealthMonitor): Sql {
  const watch = (query: Query, text: string): Query => {
    const internals = query as unknown as {
      resolve: (value: unknown) => void;
      reject: (error: unknown) => void;
    };
    const { resolve, reject } = internals;
    const wrote = isWriteStatement(text);
    internals.resolve = (value) => {
      health.reportSuccess(wrote);
      resolve(value);
    };
    internals.reject = (error) => {
      health.reportFailure(error);
      reject(error);
    };
    return query;
  };
  const unsafe = (...args: Parameters<Sql['unsafe']>): Query =>
    health.isDown() ? failedQuery(health.unavailable()) : watch(client.unsafe(...args), args[0]);
  const begin = (...args: unknown[]) => {
    if (health.isDown()) return Promise.reject(health.unavailable());
    return (client.begin as (...inner: unknown[]) => Promise<unknown>)(...args).then(
      (value) => {
        // A committed transaction almost always wrote: it shows there is disk space again.
        health.reportSuccess(true);
        return value;
      },
      (error: unknown) => {
        health.reportFailure(error);
        throw error;
      },
    );
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') return unsafe;
      if (property === 'begin') return begin;
      return Reflect.get(target, property, receiver);
    },
  });
}
