import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { noticeCard } from '../../src/core/cards/build-cards.js';
import { silentLogger } from '../../src/core/logger.js';
import { openDatabase, pgliteDirectory } from '../../src/db/database.js';
import { channels } from '../../src/db/schema.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../src/store/delivery-queue.js';

let dataDir: string;
const env = () => ({ PAPERBOY_DATA_DIR: dataDir });

async function cli(argv: string[]) {
  let stdout = '';
  const code = await runCli(argv, {
    env: env(),
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => {},
    logger: silentLogger,
    now: () => new Date('2026-06-13T12:00:00Z'),
  });
  return { code, stdout };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'paperboy-status-'));
  const handle = await openDatabase({ dataDir: pgliteDirectory(dataDir) });
  const store = createChannelStore(handle.db);
  const ref = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
  await store.ensure(ref);
  await store.setActive(ref, false, 'channel_not_found');
  const [row] = await handle.db.select({ id: channels.id }).from(channels);
  const queue = createDeliveryQueue(handle.db);
  const now = new Date('2026-06-13T09:00:00Z');
  await queue.enqueue(
    {
      channelId: row?.id ?? 0,
      slotId: null,
      kind: 'digest',
      card: noticeCard({ tone: 'info', text: 'x' }),
      idempotencyKey: 'k1',
    },
    now,
  );
  await store.setActive(ref, true);
  const [taken] = await queue.take({ owner: 'w', now, leaseMs: 1000, limit: 1, platform: 'slack' });
  await queue.markDead(taken?.id ?? 0, 'w', 'cannot post to this channel: channel_not_found');
  await store.setActive(ref, false, 'channel_not_found');
  await handle.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('paperboy status and retry', () => {
  it('lists channels with their state and schedule, and dead deliveries with the reason', async () => {
    const { code, stdout } = await cli(['status']);
    expect(code).toBe(0);
    expect(stdout).toContain('slack:T1:C1  INACTIVE (channel_not_found)');
    expect(stdout).toContain('digest: Off');
    expect(stdout).toContain(
      '#1 DEAD digest to slack:T1:C1 after 1 attempt(s): cannot post to this channel: channel_not_found',
    );
    expect(stdout).toContain('paperboy retry <id>');
  });

  it('re-queues a dead delivery, and says so when there is none', async () => {
    expect(await cli(['retry', '1'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Delivery #1 is queued again'),
    });
    expect(await cli(['retry', '1'])).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('is not dead or failed'),
    });
    expect((await cli(['retry', 'abc'])).code).toBe(2);
  });
});

describe('shutdown', () => {
  it('exits 0 on SIGTERM, closing the embedded database', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PAPERBOY_DATA_DIR: dataDir,
        HF_API_URL: 'http://127.0.0.1:9',
        DATABASE_URL: '',
        SHUTDOWN_TIMEOUT: '2s',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`paperboy did not start: ${output}`)), 25_000);
      child.stdout.on('data', () => {
        if (output.includes('paperboy is running')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const signalled = performance.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    // Within SHUTDOWN_TIMEOUT (2 s) and a second.
    expect(performance.now() - signalled).toBeLessThan(3000);
  });
});
