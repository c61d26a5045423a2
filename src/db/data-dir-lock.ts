import { readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { DataDirectoryInUseError } from './database-errors.js';

/** The holder touches its lock this often... */
const HEARTBEAT_MS = 5_000;
/** ...so a lock nobody touched for this long is left over from a process that is gone. */
const STALE_AFTER_MS = 20_000;

/** The locks this process holds: its own pid in a lock file means "in use" only for these. */
const heldHere = new Set<string>();

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readHolder = (path: string): Holder | null => {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof holder.pid !== 'number' || typeof holder.host !== 'string') return null;
    return { pid: holder.pid, host: holder.host, since: String(holder.since) };
  } catch {
    return null;
  }
};

/**
 * Whether a lock someone else wrote is left over: its holder on this host is not running (or is this very pid,
 * reused after a container restart), or it has not touched the lock for STALE_AFTER_MS (a holder on another host
 * sharing the volume, or one that died mid-write).
 */
function isStale(path: string, holder: Holder | null): boolean {
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return true;
  }
  if (heldHere.has(path)) return false;
  if (age > STALE_AFTER_MS) return true;
  if (!holder || holder.host !== hostname()) return false;
  return holder.pid === process.pid || !isAlive(holder.pid);
}

/**
 * Takes the embedded database's directory for this process: PGlite has no lock of its own, and two processes
 * on one directory corrupt it (it then fails to open at all). A second paperboy (another `paperboy start`, or
 * `paperboy ingest` while the bot runs) fails at once with `DataDirectoryInUseError`, naming the holder. The lock
 * is a file beside the directory (`<dir>.lock`), touched every few seconds while held and removed on release.
 */
export function lockDataDirectory(directory: string): { release(): void } {
  const path = `${directory}.lock`;
  const mine: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const content = JSON.stringify(mine);
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(path, content, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (attempt > 0 || !isStale(path, holder))
        throw new DataDirectoryInUseError(directory, holder ?? { pid: 0, host: 'unknown', since: 'unknown' });
      // Left over: remove it and try once more (if another process takes it first, it is in use after all).
      try {
        unlinkSync(path);
      } catch {}
    }
  }
  heldHere.add(path);
  const heartbeat = setInterval(() => {
    try {
      const at = new Date();
      utimesSync(path, at, at);
    } catch {}
  }, HEARTBEAT_MS).unref();
  return {
    release() {
      clearInterval(heartbeat);
      heldHere.delete(path);
      try {
        if (readFileSync(path, 'utf8') === content) unlinkSync(path);
      } catch {}
    },
  };
}
