import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { silentLogger } from '../../src/core/logger.js';
import {
  APPLICATION_ID,
  commandInteraction,
  postInteraction,
  testKeyPair,
} from '../adapters/discord/discord-fixtures.js';
import { type FakeDiscord, type InitialResponse, startFakeDiscord } from '../helpers/fake-discord.js';

let dataDir: string;
let discord: FakeDiscord;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'paperboy-service-'));
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
});
afterAll(async () => {
  await discord?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('paperboy as a chat service', () => {
  it('refuses to start with incomplete chat credentials, saying what to set', async () => {
    let stderr = '';
    const code = await runCli([], {
      env: { PAPERBOY_DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-1' },
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
      logger: silentLogger,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('SLACK_SIGNING_SECRET');
  });

  it('serves Discord interactions and /healthz on one port, then stops on SIGTERM with exit code 0', async () => {
    const { privateKey, publicKeyHex } = testKeyPair();
    let stdout = '';
    let announced: (port: number) => void = () => {};
    const port = new Promise<number>((resolve) => {
      announced = resolve;
    });
    const exit = runCli([], {
      env: {
        PAPERBOY_DATA_DIR: dataDir,
        PORT: '0',
        DISCORD_TOKEN: 'test-token',
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_PUBLIC_KEY: publicKeyHex,
        DISCORD_GATEWAY: 'false',
        DISCORD_API_URL: discord.api,
        INGEST_CRON: '0 0 1 1 *',
        HF_API_URL: 'http://127.0.0.1:9',
      },
      stdout: (text) => {
        stdout += text;
        const match = /on port (\d+)/.exec(stdout);
        if (match) announced(Number(match[1]));
      },
      stderr: () => {},
      logger: silentLogger,
    });
    const base = `http://127.0.0.1:${await port}`;
    expect(stdout).toContain('paperboy is running for discord');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const body = JSON.stringify({ type: 1, id: '1', application_id: APPLICATION_ID, token: 't', version: 1 });
    const url = `${base}/discord/interactions`;
    const pong = await postInteraction(url, body, { privateKey });
    expect(pong.status).toBe(200);
    expect(await pong.json()).toEqual({ type: 1 });
    const forged = await postInteraction(url, body, { privateKey, signature: '00' });
    expect(forged.status).toBe(401);

    const search = JSON.stringify(commandInteraction('papers', [{ name: 'topic', type: 3, value: 'lora' }]));
    const answered = await postInteraction(url, search, { privateKey });
    expect(answered.status).toBe(200);
    const answer = await discord.answerFor(
      JSON.parse(search).token,
      (await answered.json()) as InitialResponse,
    );
    expect(answer.data.embeds.length).toBeGreaterThan(0);

    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('paperboy_commands_total{platform="discord",outcome="ok"} 1');
    expect(metrics).toMatch(/paperboy_command_duration_seconds_count\{platform="discord"\} 1/);
    expect(metrics).toMatch(/paperboy_papers \d+/);
    expect(metrics).toContain('# TYPE paperboy_channels_active gauge');
    expect(metrics).toContain('# TYPE paperboy_deliveries gauge');
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);
    expect(metrics).toContain('nodejs_eventloop_lag_p99_seconds');

    process.emit('SIGTERM');
    expect(await exit).toBe(0);
  });
});
