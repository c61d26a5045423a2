import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../src/core/channel.js';
import { openDatabase, pgliteDirectory } from '../src/db/database.js';
import { channels } from '../src/db/schema.js';
import type { BenchRow } from './measure.js';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10_000);
const PORT = 3989;

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function ready(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok;
  } catch {
    return false;
  }
}

/**
 * Scenario 5: the built service (`dist/main.js`, as the image runs it) on the embedded database with
 * `BENCH_CHANNELS` scheduled channels: time from spawn to `/readyz`, and resident memory once idle.
 */
export async function benchStartup(log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  try {
    const handle = await openDatabase({ dataDir: pgliteDirectory(dataDir) });
    const settings = { ...DEFAULT_SETTINGS, schedule: { ...DEFAULT_SETTINGS.schedule, enabled: true } };
    for (let start = 0; start < CHANNELS; start += 1000) {
      await handle.db.insert(channels).values(
        Array.from({ length: Math.min(1000, CHANNELS - start) }, (_, index) => ({
          platform: 'discord' as const,
          workspaceId: `G${(start + index) % 100}`,
          channelId: `C${start + index}`,
          settings,
        })),
      );
    }
    await handle.close();
    log(`startup: ${CHANNELS} channels stored; starting dist/main.js`);

    const started = performance.now();
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        PAPERBOY_DATA_DIR: dataDir,
        PORT: String(PORT),
        DISCORD_TOKEN: 'bench',
        DISCORD_APPLICATION_ID: '100000000000000001',
        DISCORD_PUBLIC_KEY: '0'.repeat(64),
        DISCORD_GATEWAY: 'false',
        DISCORD_API_URL: 'http://127.0.0.1:9/api',
        HF_API_URL: 'http://127.0.0.1:9',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    while (!(await ready())) {
      if (performance.now() - started > 60_000) throw new Error('the service was not ready within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = rssMb(child.pid ?? 0);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    return [
      {
        scenario: 'start-up',
        backend: 'pglite',
        inputs: `dist/main.js, ${CHANNELS} channels`,
        figure: `ready in ${Math.round(readyMs)} ms`,
        target: '< 3000 ms',
        met: readyMs < 3000,
        details: { readyMs },
      },
      {
        scenario: 'idle memory',
        backend: 'pglite',
        inputs: `${CHANNELS} channels, 5 s after ready`,
        figure: `RSS ${idle} MB`,
        target: '< 150 MB',
        met: idle < 150,
        details: { rssMb: idle },
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
