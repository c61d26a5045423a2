import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDirectory } from '../../src/db/data-dir-lock.js';
import { DataDirectoryInUseError } from '../../src/db/database-errors.js';

let root: string;
let directory: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'paperboy-lock-'));
  directory = join(root, 'pgdata');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const lockFile = () => `${directory}.lock`;
const writeHolder = (holder: { pid: number; host: string }, ageMs = 0) => {
  writeFileSync(lockFile(), JSON.stringify({ ...holder, since: '2026-06-13T09:00:00.000Z' }));
  const at = new Date(Date.now() - ageMs);
  utimesSync(lockFile(), at, at);
};
/** A pid that is not running: a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;

describe('the embedded data directory lock', () => {
  it('refuses a second holder at once, naming the first and how to fix it', () => {
    const held = lockDataDirectory(directory);
    let error: unknown;
    try {
      lockDataDirectory(directory);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DataDirectoryInUseError);
    expect((error as DataDirectoryInUseError).code).toBe('dataDirectoryInUse');
    expect((error as DataDirectoryInUseError).holder).toMatchObject({ pid: process.pid, host: hostname() });
    expect((error as Error).message).toContain('Stop that one, or set PAPERBOY_DATA_DIR');
    held.release();
    expect(existsSync(lockFile())).toBe(false);
    lockDataDirectory(directory).release();
  });

  it('refuses a live holder on another host that touched the lock recently', () => {
    writeHolder({ pid: 1, host: 'another-host' }, 5_000);
    expect(() => lockDataDirectory(directory)).toThrow(DataDirectoryInUseError);
  });

  it('takes over a lock left by a process of this host that is gone', () => {
    writeHolder({ pid: deadPid(), host: hostname() });
    const held = lockDataDirectory(directory);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    held.release();
  });

  it("takes over a lock of this very pid from an earlier life (a container's restart reuses pids)", () => {
    writeHolder({ pid: process.pid, host: hostname() });
    lockDataDirectory(directory).release();
  });

  it('takes over a lock nobody touched for 20 s, wherever its holder was', () => {
    writeHolder({ pid: 1, host: 'another-host' }, 25_000);
    lockDataDirectory(directory).release();
  });

  it('leaves a lock it no longer owns in place on release', () => {
    const held = lockDataDirectory(directory);
    writeHolder({ pid: 1, host: 'another-host' });
    held.release();
    expect(existsSync(lockFile())).toBe(true);
  });
});
