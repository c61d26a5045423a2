import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The directory holding `initdb` and `pg_ctl`: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin.
 * Null when there is none (the outage tests are then reported as skipped).
 */
export function postgresBinaries(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [])
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`);
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

/** Postgres refuses to run as root: as root, its commands run as the `postgres` user. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface ThrowawayPostgres {
  /** `postgres://root@127.0.0.1:<port>/postgres`. */
  url: string;
  /** Stops the server (fast shutdown: clients are disconnected), as an outage does. */
  stop(): void;
  /** Starts it again; returns once it accepts connections. */
  start(): void;
  /** Stops it for good and deletes its files. */
  destroy(): void;
}

/**
 * A Postgres server of the test's own, in a temporary directory on a free port, which the test may stop and
 * start (the shared server on 5432 serves everyone else, so outages are played on this one). Trust auth for
 * `root`, fsync off.
 */
export async function startThrowawayPostgres(bin: string): Promise<ThrowawayPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-pg-'));
  const data = join(root, 'data');
  const owner = runAs();
  if (owner) chownSync(root, owner.uid, owner.gid);
  const port = await freePort();
  const run = (command: string, args: string[]) =>
    execFileSync(join(bin, command), args, {
      stdio: 'pipe',
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
  run('initdb', ['-D', data, '-U', 'root', '-A', 'trust', '--no-sync']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://root@127.0.0.1:${port}/postgres`,
    stop,
    start,
    destroy() {
      try {
        stop();
      } catch {}
      rmSync(root, { recursive: true, force: true });
    },
  };
}
