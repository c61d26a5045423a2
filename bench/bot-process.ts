import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { botNodeOptions } from './image-command.js';

/** The built service (`dist/main.js` with the image's node options) in a process of its own. */
export interface BotProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Milliseconds from spawn until `/readyz` answered 200. */
  readyMs: number;
  /** Resident memory now, in MB. */
  rssMb(): number;
  /** The bot's own view from `/metrics`; each call restarts its event-loop lag figures. */
  stats(): Promise<BotStats>;
  stop(): Promise<void>;
}

export interface BotStats {
  cpuSeconds: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
}

/** Addresses nothing listens on, so a bench bot never reaches the real sources. */
const NO_SOURCES = {
  HF_API_URL: 'http://127.0.0.1:9',
  ARXIV_API_URL: 'http://127.0.0.1:9/api',
  ARXIV_RSS_URL: 'http://127.0.0.1:9/rss',
};

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * Spawns `dist/main.js` with `env` (on top of this process's, without its database settings) and waits for
 * `/readyz`. Output is dropped unless BENCH_BOT_OUTPUT is set; BENCH_BOT_NODE_ARGS adds node options (for
 * example `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the bot under load).
 */
export async function startBotProcess(env: Record<string, string>, port: number): Promise<BotProcess> {
  const url = `http://127.0.0.1:${port}`;
  // Another process answering here (say, a bot a crashed run left behind) would be measured in place of ours.
  if (await isListening(url))
    throw new Error(`port ${port} is already in use (a bot left from an earlier run? see: ss -ltnp)`);
  const started = performance.now();
  const child = spawn(process.execPath, [...botNodeOptions(), 'dist/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      ...NO_SOURCES,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      ...env,
    },
    stdio: process.env.BENCH_BOT_OUTPUT ? 'inherit' : 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // If the bench dies (an uncaught error, process.exit), the bot must not outlive it holding the port.
  const killChild = () => child.kill('SIGKILL');
  process.on('exit', killChild);
  let done = false;
  void exited.then(() => {
    done = true;
    process.off('exit', killChild);
  });
  while (!(await isReady(url))) {
    if (done) throw new Error('dist/main.js exited before it was ready (set BENCH_BOT_OUTPUT=1 to see why)');
    if (performance.now() - started > 60_000) {
      await stop(child, exited);
      throw new Error('dist/main.js was not ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    readyMs: performance.now() - started,
    rssMb: () => rssMb(child.pid ?? 0),
    stats: () => readStats(url),
    stop: () => stop(child, exited),
  };
}

async function readStats(url: string): Promise<BotStats> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    cpuSeconds: value('process_cpu_seconds_total'),
    loopLagP99Ms: value('nodejs_eventloop_lag_p99_seconds') * 1000,
    loopLagMaxMs: value('nodejs_eventloop_lag_max_seconds') * 1000,
  };
}

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`);
    return true;
  } catch {
    return false;
  }
}

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`)).ok;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null) child.kill('SIGTERM');
  await exited;
}
