import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** CPU seconds used so far, by whom (Linux `/proc`; zeros elsewhere). */
export interface CpuSnapshot {
  at: number;
  /** The whole machine, every process of every user (its cores are shared). */
  machine: number;
  /** Every Postgres process, including the backends that have exited (their parent collected their time). */
  postgres: number;
  /** This process: the load generator and the fake platforms. */
  bench: number;
}

/** Share of one core each used between two snapshots, in percent (200 is both cores of a 2-core machine). */
export interface CpuUse {
  machinePercent: number;
  /** Out of `cores * 100`. */
  cores: number;
  postgresPercent: number;
  benchPercent: number;
}

const TICKS_PER_SECOND = 100;

export function cpuSnapshot(): CpuSnapshot {
  const { user, system } = process.cpuUsage();
  return {
    at: performance.now(),
    machine: machineSeconds(),
    postgres: postgresSeconds(),
    bench: (user + system) / 1e6,
  };
}

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const percent = (used: number) => Math.round((used / seconds) * 100);
  return {
    machinePercent: percent(after.machine - before.machine),
    cores: cpus().length,
    postgresPercent: percent(after.postgres - before.postgres),
    benchPercent: percent(after.bench - before.bench),
  };
}

function machineSeconds(): number {
  const line = readOrEmpty('/proc/stat').split('\n')[0] ?? '';
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .split(/\s+/)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

function postgresSeconds(): number {
  let ticks = 0;
  for (const pid of listOrEmpty('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = readOrEmpty(`/proc/${pid}/stat`);
    if (!stat.includes('(postgres)')) continue;
    // Fields after the command name: state is the first, then utime, stime, cutime, cstime at 11 to 14.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15);
    ticks += utime + stime + cutime + cstime;
  }
  return ticks / TICKS_PER_SECOND;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function listOrEmpty(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
