import { type BenchRow, percentile } from './measure.js';
import type { SendCommand } from './sent-command.js';

/** Commands in the stress burst (BENCH_COMMANDS). */
export const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 2000);
export const CONCURRENCY = 50;
/** Commands sent first and not counted: a service that has just started loads code and opens connections. */
export const WARM_UP = 100;
/** A burst queues for minutes by design: its answers get this long. */
const BURST_ANSWER_TIMEOUT_MS = 300_000;
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

/** Sends `WARM_UP` commands one at a time, each after the previous one's answer, and counts none of them. */
export async function warmUp(send: SendCommand): Promise<void> {
  for (let index = 0; index < WARM_UP; index += 1) {
    const sent = await send(index, 30_000).catch(() => null);
    await sent?.answered.catch(() => {});
  }
}

/**
 * The stress test: `COMMANDS` commands, `CONCURRENCY` at a time, as fast as the acks come back. It shows how a
 * queue of answers drains (its answer latencies are minutes), not what a user waits for at a given load: the
 * rate rows are for that.
 */
export async function commandBurstRow(
  scenario: string,
  backend: string,
  command: string,
  send: SendCommand,
): Promise<BenchRow> {
  const ackTimes: number[] = [];
  const answerTimes: Promise<number>[] = [];
  let failures = 0;
  let next = 0;
  const client = async () => {
    while (next < COMMANDS) {
      const index = next++;
      const started = performance.now();
      // A reset connection or an error status counts as a failed command (the platform would show an error).
      const sent = await send(index, BURST_ANSWER_TIMEOUT_MS).catch(() => null);
      if (!sent?.ok) {
        failures += 1;
        continue;
      }
      ackTimes.push(performance.now() - started);
      answerTimes.push(
        sent.answered.then(
          () => performance.now() - started,
          () => Number.POSITIVE_INFINITY,
        ),
      );
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const answered = await Promise.all(answerTimes);
  const wallMs = performance.now() - started;
  const unanswered = answered.filter((ms) => !Number.isFinite(ms)).length;
  const p50 = percentile(ackTimes, 50);
  const p99 = percentile(ackTimes, 99);
  const answerP50 = percentile(answered, 50);
  const answerP99 = percentile(answered, 99);
  return {
    scenario,
    backend,
    inputs: `stress burst (a queue draining, not a user's wait): ${COMMANDS} ${command}, ${CONCURRENCY} at a time`,
    figure: `ack p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms; answer p50 ${Math.round(answerP50)} ms, p99 ${Math.round(answerP99)} ms; ${failures + unanswered} failed, ${Math.round(COMMANDS / (wallMs / 1000))}/s`,
    target: 'report (stress test)',
    met: null,
    details: {
      p50,
      p99,
      answerP50,
      answerP99: Number.isFinite(answerP99) ? answerP99 : null,
      failures,
      unanswered,
      wallMs,
    },
  };
}
