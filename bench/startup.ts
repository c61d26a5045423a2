import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../src/core/channel.js';
import { type DatabaseHandle, openDatabase, pgliteDirectory } from '../src/db/database.js';
import { channels } from '../src/db/schema.js';
import { startBotProcess } from './bot-process.js';
import { openFreshPostgres } from './fresh-postgres.js';
import type { BenchRow } from './measure.js';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10_000);
const PORT = 3989;

/**
 * Scenario 5: the built service (`dist/main.js`, as the image runs it) with `BENCH_CHANNELS` scheduled
 * channels, on the embedded database and (given a server) on Postgres: time from spawn to `/readyz`, and
 * resident memory once idle.
 */
export async function benchStartup(log: (line: string) => void, postgresUrl?: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  try {
    const handle = await openDatabase({ dataDir: pgliteDirectory(dataDir) });
    await storeChannels(handle);
    await handle.close();
    rows.push(...(await measure('pglite', { PAPERBOY_DATA_DIR: dataDir }, log)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (postgresUrl) {
    const handle = await openFreshPostgres(postgresUrl);
    try {
      await storeChannels(handle);
      rows.push(...(await measure('postgres', { DATABASE_URL: handle.url }, log)));
    } finally {
      await handle.close();
    }
  }
  return rows;
}

async function storeChannels(handle: DatabaseHandle): Promise<void> {
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
}

async function measure(
  backend: 'pglite' | 'postgres',
  database: Record<string, string>,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  log(`startup (${backend}): ${CHANNELS} channels stored; starting dist/main.js`);
  const bot = await startBotProcess(
    {
      ...database,
      DISCORD_TOKEN: 'bench',
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_PUBLIC_KEY: '0'.repeat(64),
      DISCORD_GATEWAY: 'false',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
    },
    PORT,
  );
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const idle = bot.rssMb();
  await bot.stop();
  return [
    {
      scenario: 'start-up',
      backend,
      inputs: `dist/main.js, ${CHANNELS} channels`,
      figure: `ready in ${Math.round(bot.readyMs)} ms`,
      target: backend === 'pglite' ? '< 3000 ms' : 'report',
      met: backend === 'pglite' ? bot.readyMs < 3000 : null,
      details: { readyMs: bot.readyMs },
    },
    {
      scenario: 'idle memory',
      backend,
      inputs: `${CHANNELS} channels, 5 s after ready`,
      figure: `RSS ${idle} MB`,
      // The embedded database holds its buffers in the process (issue #17 sets 250 MB for it).
      target: backend === 'pglite' ? '< 250 MB' : '< 150 MB',
      met: idle < (backend === 'pglite' ? 250 : 150),
      details: { rssMb: idle },
    },
  ];
}
