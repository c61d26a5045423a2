import { createHash } from 'node:crypto';
import postgres from 'postgres';
import type { Logger } from '../../core/logger.js';
import { resilientPostgresOptions } from '../../db/postgres-client.js';

/** Who may hold the Discord gateway connection: one replica per bot, whatever the others are told. */
export interface GatewayLease {
  /** True when this process holds the lease (asking again while holding it stays true). */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** The embedded database serves one process, so there is nobody to share the gateway with. */
export const soleGatewayLease: GatewayLease = {
  acquire: async () => true,
  release: async () => {},
};

/** An advisory-lock key per Discord application, so bots sharing a Postgres server do not collide. */
export function gatewayLockKey(applicationId: string): bigint {
  return createHash('sha256').update(`paperboy discord gateway ${applicationId}`).digest().readBigInt64BE(0);
}

/**
 * A Postgres session advisory lock on a connection of its own (never recycled, since closing it would drop the
 * lock): the first replica to take it holds the gateway, the others answer HTTP interactions and post until
 * it is free.
 */
export function postgresGatewayLease(url: string, applicationId: string): GatewayLease {
  const sql = postgres(url, { ...resilientPostgresOptions(), max: 1, idle_timeout: 0, max_lifetime: null });
  const key = gatewayLockKey(applicationId).toString();
  return {
    async acquire() {
      const [row] = await sql<{ held: boolean }[]>`select pg_try_advisory_lock(${key}::bigint) as held`;
      return row?.held === true;
    },
    release: () => sql.end({ timeout: 5 }),
  };
}

/**
 * Connects the gateway while this process holds the lease and keeps asking every `checkMs`: a standby connects
 * when the lease comes free; a holder that finds it taken (its lock connection dropped and another replica
 * took the lock) disconnects, so two sessions never last longer than one check.
 */
export function holdGatewayWhileLeased(options: {
  lease: GatewayLease;
  connect: () => Promise<void>;
  disconnect: () => Promise<void>;
  checkMs: number;
  logger: Logger;
}) {
  const { lease, logger } = options;
  let connected = false;
  let checking = false;
  let timer: NodeJS.Timeout | undefined;

  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const held = await lease.acquire();
      if (held && !connected) {
        logger.info('the Discord gateway is free; taking it over');
        await options.connect();
        connected = true;
      } else if (!held && connected) {
        logger.error('another replica took the Discord gateway over; disconnecting this one');
        connected = false;
        await options.disconnect();
      }
    } catch (error) {
      logger.warn('could not check the Discord gateway lease', { error });
    } finally {
      checking = false;
    }
  };

  return {
    /** Connects now if the lease is free (a failed login throws), then keeps checking. */
    async start(): Promise<void> {
      if (await lease.acquire()) {
        await options.connect().catch(async (error: unknown) => {
          await lease.release();
          throw error;
        });
        connected = true;
      } else {
        logger.info(
          'another replica holds the Discord gateway; this one stands by and takes over if it goes',
        );
      }
      timer = setInterval(() => void check(), options.checkMs).unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      if (connected) await options.disconnect();
      connected = false;
      await lease.release();
    },
  };
}
