import { type ChildProcess, spawn } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { APPLICATION_ID, commandInteraction, postInteraction } from '../adapters/discord/discord-fixtures.js';
import type { FakeDiscord, InitialResponse } from '../helpers/fake-discord.js';

/** paperboy as its image runs it: `src/main.ts` in a process of its own (through tsx), with this environment. */
export interface ServiceProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, once it said it is running. */
  base: string;
  /** Everything it wrote, for a failing test's message. */
  output(): string;
  /** Sends SIGTERM; resolves with the exit code and how long after the signal it came. */
  terminate(): Promise<{ code: number | null; ms: number }>;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Starts the service; resolves once it printed its port (its chat adapters are up). */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: '0',
      LOG_LEVEL: 'info',
      INGEST_CRON: '0 0 1 1 *',
      HF_API_URL: 'http://127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`paperboy did not start:\n${output}`)), 60_000);
    const look = () => {
      const match = /on port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`paperboy exited (${code}) before it started:\n${output}`));
    });
  });
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async terminate() {
      const signalled = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      return { code, ms: performance.now() - signalled };
    },
  };
}

/** `GET /readyz`: its status and how long the answer took (a hung request counts as a 599 after 5 s). */
export async function readyz(base: string): Promise<{ status: number; ms: number; at: number }> {
  const at = performance.now();
  try {
    const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5_000) });
    await response.text();
    return { status: response.status, ms: performance.now() - at, at };
  } catch {
    return { status: 599, ms: performance.now() - at, at };
  }
}

/** What a user saw after a slash command: when it was sent, how long until the answer showed, and its text. */
export interface CommandOutcome {
  at: number;
  ms: number;
  text: string;
  apology: boolean;
}

let interactions = 0;

/**
 * Sends a signed `/papers`-style command interaction (name and options) to the service and waits for what the
 * user sees: the initial response, or the edit of a deferred one (at most `waitMs`; then the text is empty).
 */
export async function discordCommand(
  service: { base: string },
  discord: FakeDiscord,
  privateKey: KeyObject,
  name: string,
  options: { name: string; type: number; value?: unknown }[],
  where: { channelId?: string; waitMs?: number } = {},
): Promise<CommandOutcome> {
  interactions += 1;
  const token = `outage-token-${process.pid}-${interactions}`;
  const interaction = commandInteraction(name, options, {
    id: String(610_000_000_000_000_000n + BigInt(interactions)),
    token,
    // Manage Channels, which changing the channel's settings needs.
    permissions: String(1 << 4),
  });
  if (where.channelId) {
    interaction.channel_id = where.channelId;
    interaction.channel = { ...interaction.channel, id: where.channelId };
  }
  const body = JSON.stringify(interaction);
  const waitMs = where.waitMs ?? 10_000;
  const at = performance.now();
  let text = '';
  try {
    const response = await postInteraction(`${service.base}/discord/interactions`, body, { privateKey });
    const initial = (await response.json()) as InitialResponse;
    const answer = await Promise.race([
      discord.answerFor(token, initial),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs)),
    ]);
    text = answer ? JSON.stringify(answer.data) : '';
  } catch (error) {
    text = '';
    void error;
  }
  const ms = performance.now() - at;
  return { at, ms, text, apology: text.includes('went wrong') };
}

/** The environment for Discord HTTP interactions against the fake (no gateway). */
export const discordEnv = (discord: FakeDiscord, publicKeyHex: string): Record<string, string> => ({
  DISCORD_TOKEN: 'test-token',
  DISCORD_APPLICATION_ID: APPLICATION_ID,
  DISCORD_PUBLIC_KEY: publicKeyHex,
  DISCORD_GATEWAY: 'false',
  DISCORD_API_URL: discord.api,
});

/** Repeats `step` every `everyMs` until `stop()`; collects what it returned. */
export function repeatEvery<T>(everyMs: number, step: () => Promise<T>) {
  const results: T[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const run = step().then((result) => {
      results.push(result);
    });
    pending.add(run);
    void run.finally(() => pending.delete(run));
  }, everyMs);
  return {
    results,
    async stop(): Promise<T[]> {
      clearInterval(timer);
      await Promise.all(pending);
      return results;
    },
  };
}
