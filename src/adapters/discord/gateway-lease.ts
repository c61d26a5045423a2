import { createHash } from 'node:crypto';
import postgres from 'postgres';

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
  const sql = postgres(url, { max: 1, idle_timeout: 0, max_lifetime: null, onnotice: () => {} });
  const key = gatewayLockKey(applicationId).toString();
  return {
    async acquire() {
      const [row] = await sql<{ held: boolean }[]>`select pg_try_advisory_lock(${key}::bigint) as held`;
      return row?.held === true;
    },
    release: () => sql.end({ timeout: 5 }),
  };
}
