import { type BenchRow, percentile } from './measure.js';
import type { OpenLoopRun } from './open-loop.js';

/** One rate of a ladder: what was sent, and what the row is held to. */
export interface RateStep {
  scenario: string;
  backend: string;
  /** The load, precisely (it identifies the row across runs: no measured values). */
  inputs: string;
  perSecond: number;
  seconds: number;
  seed: number;
  /** Targets for this rate; none makes the row a report. */
  ackP99Ms?: number;
  answerP99Ms?: number;
}

/** The latencies and errors of an open-loop run at one rate, against the step's targets. */
export function rateRow(step: RateStep, run: OpenLoopRun, answerTimeoutMs: number): BenchRow {
  const { outcomes } = run;
  const acks = outcomes.map((outcome) => outcome.ackMs);
  const answers = outcomes.map((outcome) => outcome.answerMs);
  const failedAcks = outcomes.filter((outcome) => !outcome.acked).length;
  const timedOut = outcomes.filter((outcome) => outcome.acked && !Number.isFinite(outcome.answerMs)).length;
  const sendingSeconds = run.stoppedAtSeconds ?? step.seconds;
  const answerEnds = outcomes
    .filter((outcome) => Number.isFinite(outcome.answerMs))
    .map((outcome) => outcome.dueMs + outcome.answerMs);
  const lastAnswerSeconds = answerEnds.reduce((last, end) => Math.max(last, end / 1000), sendingSeconds);
  const stats = {
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
  };
  // Latencies count from when a command was due, so a generator that sends late is seen, not hidden.
  const sendLateP99 = percentile(
    outcomes.map((outcome) => outcome.lateMs),
    99,
  );
  const met = [
    step.ackP99Ms === undefined || stats.ackP99 < step.ackP99Ms,
    step.answerP99Ms === undefined || stats.answerP99 < step.answerP99Ms,
  ].every(Boolean);
  const hasTarget = step.ackP99Ms !== undefined || step.answerP99Ms !== undefined;
  const stopped =
    run.stoppedAtSeconds === null
      ? ''
      : ` (sending stopped at ${run.stoppedAtSeconds.toFixed(0)} s: answers fell behind)`;
  const ms = (value: number) =>
    Number.isFinite(value) ? `${Math.round(value)} ms` : `> ${answerTimeoutMs / 1000} s`;
  return {
    scenario: step.scenario,
    backend: step.backend,
    inputs: step.inputs,
    figure:
      `ack p50 ${ms(stats.ackP50)}, p99 ${ms(stats.ackP99)}; answer p50 ${ms(stats.answerP50)}, p99 ${ms(stats.answerP99)}; ` +
      `errors: ${failedAcks} acks, ${timedOut} answers; sent ${(outcomes.length / sendingSeconds).toFixed(1)}/s, ` +
      `answered ${(answerEnds.length / lastAnswerSeconds).toFixed(1)}/s${stopped}; generator late p99 ${Math.round(sendLateP99)} ms`,
    target: targetText(step),
    met: hasTarget ? met : null,
    details: {
      perSecond: step.perSecond,
      seconds: step.seconds,
      seed: step.seed,
      sent: outcomes.length,
      // JSON has no Infinity: null is "beyond the answer timeout".
      ...Object.fromEntries(
        Object.entries(stats).map(([name, value]) => [`${name}Ms`, Number.isFinite(value) ? value : null]),
      ),
      failedAcks,
      timedOut,
      answerTimeoutMs,
      sentPerSecond: outcomes.length / sendingSeconds,
      answeredPerSecond: answerEnds.length / lastAnswerSeconds,
      sendLateP99Ms: sendLateP99,
      stoppedAtSeconds: run.stoppedAtSeconds,
      undrained: run.undrained,
    },
  };
}

/** The row of a rate the ladder did not climb to, because a lower one fell behind. */
export function skippedRow(step: RateStep, behindAt: number): BenchRow {
  // A higher arrival rate cannot make answers faster: a skipped answer target is missed, an ack target unknown.
  return {
    scenario: step.scenario,
    backend: step.backend,
    inputs: step.inputs,
    figure: `skipped: answers fell behind at ${behindAt}/s already`,
    target: targetText(step),
    met: step.answerP99Ms === undefined ? null : false,
    details: { perSecond: step.perSecond, seconds: step.seconds, seed: step.seed, skipped: true, behindAt },
  };
}

function targetText(step: RateStep): string {
  const targets = [
    step.ackP99Ms === undefined ? null : `ack p99 < ${step.ackP99Ms} ms`,
    step.answerP99Ms === undefined ? null : `answer p99 < ${step.answerP99Ms / 1000} s`,
  ].filter(Boolean);
  return targets.length > 0 ? targets.join(', ') : 'report';
}
