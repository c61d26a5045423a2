import { type RateStep, rateRow, skippedRow } from './command-rate-row.js';
import type { BenchRow } from './measure.js';
import { type OpenLoopLimits, sendOpenLoop } from './open-loop.js';
import { poissonArrivals } from './poisson-arrivals.js';
import type { SendCommand } from './sent-command.js';

/** Seconds each rate runs (BENCH_COMMAND_SECONDS shortens them while iterating). */
export const COMMAND_SECONDS = Number(process.env.BENCH_COMMAND_SECONDS ?? 30);

/**
 * The rates each backend climbs. PGlite adds 30/s, its answer target: the embedded database answers one query
 * at a time (in one worker thread of the bot), so it runs out well before Postgres, which has a process per
 * connection.
 */
const RATES: Record<string, number[]> = { postgres: [10, 50, 100, 200], pglite: [10, 30, 50, 100, 200] };
/** The rate at which each backend's answers must stay under a second. */
const ANSWER_TARGET_RATE: Record<string, number> = { postgres: 100, pglite: 30 };
const ACK_TARGET = { ms: 50, upToPerSecond: 100 };
const ANSWER_TARGET_MS = 1000;

export const OPEN_LOOP_LIMITS: OpenLoopLimits = {
  answerTimeoutMs: 30_000,
  // Answers this late have clearly fallen behind: the ladder stops climbing.
  behindMs: 5_000,
  drainMs: 90_000,
};

/** How one ladder sends: the row's scenario, how its command reads in `inputs`, and the sender. */
export interface Ladder {
  scenario: string;
  backend: string;
  command: string;
  send: SendCommand;
  /** Wraps each measured rate (the bot's CPU and the like). */
  measure: (run: () => Promise<BenchRow>) => Promise<BenchRow>;
  log: (line: string) => void;
}

/**
 * Open-loop Poisson arrivals at each of the backend's rates in turn, one row per rate, then a row with the
 * highest rate whose answer p99 stayed under a second. Once answers fall behind (p99 over `behindMs`, or
 * sending stopped early), the higher rates are reported as skipped: they would only queue longer.
 */
export async function commandRateRows(ladder: Ladder): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let behindAt: number | null = null;
  let capacity: { perSecond: number; answerP99Ms: number } | null = null;
  let firstOver: BenchRow | null = null;
  for (const perSecond of RATES[ladder.backend] ?? []) {
    const step = rateStep(ladder, perSecond);
    if (behindAt !== null) {
      rows.push(skippedRow(step, behindAt));
      continue;
    }
    ladder.log(`${ladder.backend}: ${ladder.scenario}, ${ladder.command} at ${perSecond}/s`);
    const row = await ladder.measure(() => openLoopRow(step, ladder.send));
    rows.push(row);
    const answerP99Ms = (row.details?.answerP99Ms as number | null) ?? Number.POSITIVE_INFINITY;
    if (answerP99Ms < ANSWER_TARGET_MS && firstOver === null) capacity = { perSecond, answerP99Ms };
    else firstOver ??= row;
    if (answerP99Ms > OPEN_LOOP_LIMITS.behindMs || row.details?.stoppedAtSeconds != null)
      behindAt = perSecond;
  }
  rows.push(capacityRow(ladder, capacity, firstOver));
  return rows;
}

/** One open-loop run at the step's rate, as a row. */
export async function openLoopRow(step: RateStep, send: SendCommand): Promise<BenchRow> {
  const due = poissonArrivals(step.perSecond, step.seconds, step.seed);
  const run = await sendOpenLoop(due, send, OPEN_LOOP_LIMITS);
  return rateRow(step, run, OPEN_LOOP_LIMITS.answerTimeoutMs);
}

/** The load of one rate, with the targets that apply to it. */
export function rateStep(
  ladder: Pick<Ladder, 'scenario' | 'backend' | 'command'>,
  perSecond: number,
  options: { answerTarget?: boolean; seconds?: number } = {},
): RateStep {
  const seconds = options.seconds ?? COMMAND_SECONDS;
  const answerTarget = (options.answerTarget ?? true) && ANSWER_TARGET_RATE[ladder.backend] === perSecond;
  return {
    scenario: ladder.scenario,
    backend: ladder.backend,
    inputs:
      `${ladder.command}, Poisson arrivals at ${perSecond}/s for ${seconds} s (seed ${perSecond}), ` +
      'open loop: no cap on commands in flight; after 100 warm-up commands one at a time',
    perSecond,
    seconds,
    seed: perSecond,
    ...(perSecond <= ACK_TARGET.upToPerSecond ? { ackP99Ms: ACK_TARGET.ms } : {}),
    ...(answerTarget ? { answerP99Ms: ANSWER_TARGET_MS } : {}),
  };
}

function capacityRow(
  ladder: Ladder,
  capacity: { perSecond: number; answerP99Ms: number } | null,
  firstOver: BenchRow | null,
): BenchRow {
  const over = firstOver?.details as
    | { perSecond: number; answerP99Ms: number | null; skipped?: boolean }
    | undefined;
  const overText = over
    ? `; at ${over.perSecond}/s p99 ${over.answerP99Ms === null ? `> ${OPEN_LOOP_LIMITS.answerTimeoutMs / 1000} s` : `${Math.round(over.answerP99Ms)} ms`}`
    : '; every rate measured stayed under';
  return {
    scenario: ladder.scenario,
    backend: ladder.backend,
    inputs: `${ladder.command}: the highest of the rates above whose answer p99 stays under 1 s`,
    figure: capacity
      ? `${capacity.perSecond}/s (answer p99 ${Math.round(capacity.answerP99Ms)} ms)${overText}`
      : `below ${RATES[ladder.backend]?.[0]}/s${overText}`,
    target: 'report',
    met: null,
    details: { capacityPerSecond: capacity?.perSecond ?? null, firstOverPerSecond: over?.perSecond ?? null },
  };
}
