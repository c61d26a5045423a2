import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, pgliteDirectory } from '../../src/db/database.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { APPLICATION_ID, testKeyPair } from '../adapters/discord/discord-fixtures.js';
import { type FakeDiscord, startFakeDiscord } from '../helpers/fake-discord.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { mountSmallDisk, type SmallDisk, smallDiskUnavailable } from '../helpers/small-disk.js';
import {
  type CommandOutcome,
  discordCommand,
  discordEnv,
  readyz,
  repeatEvery,
  type ServiceProcess,
  startServiceProcess,
} from './service-process.js';

const SHUTDOWN_TIMEOUT_MS = 3_000;

const letter = (n: number) => String.fromCharCode(97 + (n % 26));
/** 40 distinct 78-letter terms (letters only, as terms are words). */
const longTerms = (seed: number): string =>
  Array.from({ length: 40 }, (_, index) =>
    `${letter(index)}${letter(Math.floor(index / 26))}${letter(seed)}`.repeat(26),
  ).join(' ');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A `paperboy <args>` run in a process of its own: exit code, stderr and how long it took. */
function cli(args: string[], dataDir: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: '', PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr, ms: performance.now() - started })),
  );
}

async function waitReady(service: ServiceProcess): Promise<number> {
  let ready = await readyz(service.base);
  for (let tries = 0; ready.status !== 200 && tries < 100; tries += 1) {
    await sleep(100);
    ready = await readyz(service.base);
  }
  return ready.status;
}

let discord: FakeDiscord;
const { privateKey, publicKeyHex } = testKeyPair();
beforeAll(async () => {
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
});
afterAll(async () => discord?.close());

describe('an embedded data directory in use by another paperboy', () => {
  let dataDir: string;
  let service: ServiceProcess | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'paperboy-locked-'));
  });
  afterAll(() => {
    service?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses at once to open it, naming the holder, while the holder keeps serving; free again once it stops', async () => {
    service = await startServiceProcess({ ...discordEnv(discord, publicKeyHex), PAPERBOY_DATA_DIR: dataDir });
    expect(await waitReady(service)).toBe(200);

    // Without the lock the second process opened the same files and corrupted them for good.
    const refused = await cli(['status'], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`in use by another paperboy (pid ${service.child.pid}`);
    expect(refused.stderr).toContain('PAPERBOY_DATA_DIR');
    // It fails as soon as the process is up (tsx takes a second or two), without opening the database.
    expect(refused.ms).toBeLessThan(8000);

    expect((await readyz(service.base)).status).toBe(200);
    const search = await discordCommand(service, discord, privateKey, 'papers', [
      { name: 'topic', type: 3, value: 'lora' },
    ]);
    expect(search.apology).toBe(false);
    expect(search.text).not.toBe('');

    expect((await service.terminate()).code).toBe(0);
    expect(existsSync(`${pgliteDirectory(dataDir)}.lock`)).toBe(false);
    expect((await cli(['status'], dataDir)).code).toBe(0);
  }, 90_000);

  it('takes it over when the process that held it died without letting go', async () => {
    service = await startServiceProcess({ ...discordEnv(discord, publicKeyHex), PAPERBOY_DATA_DIR: dataDir });
    service.child.kill('SIGKILL');
    await service.exited;
    expect(existsSync(`${pgliteDirectory(dataDir)}.lock`)).toBe(true);
    expect((await cli(['status'], dataDir)).code).toBe(0);
  }, 90_000);
});

const noDisk = smallDiskUnavailable();

describe.skipIf(noDisk !== null)(
  `the service on an embedded database whose disk fills up${noDisk ? ` (skipped: ${noDisk})` : ''}`,
  () => {
    let disk: SmallDisk;
    let service: ServiceProcess | undefined;
    beforeAll(async () => {
      disk = mountSmallDisk(160);
      const seed = await openDatabase({ dataDir: pgliteDirectory(join(disk.path, 'data')) });
      await createPaperStore(seed.db).upsertPapers(fixtureCorpus());
      await seed.close();
    }, 60_000);
    afterAll(() => {
      service?.child.kill('SIGKILL');
      disk?.unmount();
    });

    it('answers /readyz and every command in time while full, resumes once space is freed, and stops in time', async () => {
      service = await startServiceProcess({
        ...discordEnv(discord, publicKeyHex),
        PAPERBOY_DATA_DIR: join(disk.path, 'data'),
        SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`,
      });
      const running = service;
      expect(await waitReady(running)).toBe(200);

      let turn = 0;
      const commands = repeatEvery<CommandOutcome & { kind: string }>(300, async () => {
        turn += 1;
        const kind = turn % 2 === 0 ? 'search' : 'subscribe';
        const outcome =
          kind === 'search'
            ? await discordCommand(running, discord, privateKey, 'papers', [
                { name: 'topic', type: 3, value: 'lora' },
              ])
            : // A new channel following many long terms: a few kB to write, so the tables must grow.
              await discordCommand(
                running,
                discord,
                privateKey,
                'subscribe',
                [{ name: 'terms', type: 3, value: longTerms(turn) }],
                { channelId: String(520_000_000_000_000_000n + BigInt(turn)) },
              );
        return { ...outcome, kind };
      });
      const probes = repeatEvery(200, () => readyz(running.base));

      await sleep(1_500);
      disk.fill();
      const full = performance.now();
      await sleep(10_000);
      disk.free();
      const freed = performance.now();
      await sleep(6_000);
      const answers = await commands.stop();
      const readiness = await probes.stop();
      const report = `service output:\n${running.output().slice(-4000)}`;

      // A write finds the disk full within a command or two; from then on /readyz says 503 within a second.
      const fullProbes = readiness.filter((probe) => probe.at >= full + 1000 && probe.at < freed);
      expect(fullProbes.length).toBeGreaterThan(30);
      expect(
        fullProbes.filter((probe) => probe.status !== 503 || probe.ms >= 1000),
        report,
      ).toEqual([]);
      // Every command is answered within Discord's 3 s: searches normally (reads work), changes with an apology.
      const whileFull = answers.filter((answer) => answer.at >= full + 500 && answer.at < freed);
      expect(
        whileFull.filter((answer) => answer.ms >= 3000 || answer.text === ''),
        report,
      ).toEqual([]);
      expect(whileFull.filter((answer) => answer.kind === 'search' && answer.apology)).toEqual([]);
      const changes = whileFull.filter((answer) => answer.kind === 'subscribe');
      expect(changes.length).toBeGreaterThan(10);
      expect(
        changes.every((answer) => answer.apology),
        report,
      ).toBe(true);

      // Within 5 s of space coming back: ready again, and every command works.
      const firstReady = readiness.find((probe) => probe.at >= freed && probe.status === 200);
      expect((firstReady?.at ?? Number.POSITIVE_INFINITY) - freed, report).toBeLessThan(5000);
      const settled = answers.filter((answer) => answer.at >= freed + 5000);
      expect(settled.length).toBeGreaterThan(2);
      expect(
        settled.filter((answer) => answer.apology || answer.text === ''),
        report,
      ).toEqual([]);
      expect(readiness.filter((probe) => probe.at >= freed + 5000 && probe.status !== 200)).toEqual([]);

      const { code, ms } = await running.terminate();
      expect(code, report).toBe(0);
      expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
    }, 120_000);
  },
);
