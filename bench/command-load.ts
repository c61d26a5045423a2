import { type BenchRow, percentile } from './measure.js';

export const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 2000);
export const CONCURRENCY = 50;
/** Commands sent first and not counted: a service that has just started loads code and opens connections. */
export const WARM_UP = 100;
export const TOPICS = [
  'lora',
  'model',
  'agents',
  'diffusion',
  'robot',
  'pathology',
  'kronecker',
  'grokking',
  'EEG',
  'benchmark',
];

/** One command as the platform sees it: its request was acked (or failed), and its answer arrives later. */
export interface SentCommand {
  ok: boolean;
  /** Resolves when the user can see the answer (in the ack, or the follow-up post that replaces it). */
  answered: Promise<void>;
}

/**
 * Warms the service up with `WARM_UP` commands one at a time, then sends `COMMANDS` commands, `CONCURRENCY` at
 * a time, and reports the platform's view: ack latency (what the
 * target is about) and answer latency (what the user waits for), plus failures and throughput.
 */
export async function commandLoadRow(
  scenario: string,
  backend: string,
  inputs: string,
  send: (index: number) => Promise<SentCommand>,
): Promise<BenchRow> {
  const ackTimes: number[] = [];
  const answerTimes: Promise<number>[] = [];
  let failures = 0;
  let next = 0;
  for (let index = 0; index < WARM_UP; index += 1) {
    const sent = await send(COMMANDS + index).catch(() => null);
    await sent?.answered;
  }
  const client = async () => {
    while (next < COMMANDS) {
      const index = next++;
      const started = performance.now();
      // A reset connection or an error status counts as a failed command (the platform would show an error).
      const sent = await send(index).catch(() => null);
      if (!sent?.ok) {
        failures += 1;
        continue;
      }
      ackTimes.push(performance.now() - started);
      answerTimes.push(sent.answered.then(() => performance.now() - started));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const answered = await Promise.all(answerTimes);
  const wallMs = performance.now() - started;
  const p50 = percentile(ackTimes, 50);
  const p99 = percentile(ackTimes, 99);
  const answerP50 = percentile(answered, 50);
  const answerP99 = percentile(answered, 99);
  return {
    scenario,
    backend,
    inputs: `${COMMANDS} ${inputs}, ${CONCURRENCY} at a time, after ${WARM_UP} one by one`,
    figure: `ack p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms; answer p50 ${Math.round(answerP50)} ms, p99 ${Math.round(answerP99)} ms; ${failures} failed, ${Math.round(COMMANDS / (wallMs / 1000))}/s`,
    target: 'ack p99 < 50 ms (platforms allow 3000)',
    met: p99 < 50 && failures === 0,
    details: { p50, p99, answerP50, answerP99, failures, wallMs },
  };
}
