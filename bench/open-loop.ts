import { setTimeout as sleep } from 'node:timers/promises';
import { PLATFORM_ACK_MS, type SendCommand, type SentCommand, within } from './sent-command.js';

/** What happened to one command, timed from when it was due (the platform's clock starts when it sends). */
export interface CommandOutcome {
  /** When it was due, in ms from the start of the run. */
  dueMs: number;
  /** How long after it was due this process sent it: the load generator's own lag. */
  lateMs: number;
  ackMs: number;
  /** Status 200 within the platform's 3 s; anything else shows the user an error. */
  acked: boolean;
  /** Until the user could see the answer; Infinity when it never came within the timeout. */
  answerMs: number;
}

export interface OpenLoopLimits {
  /** An answer later than this counts as never (and so does an ack). */
  answerTimeoutMs: number;
  /**
   * Sending stops early once more than 1% of the commands sent (and at least 10) have waited this long for
   * their answer: the bot has fallen behind, and more arrivals only lengthen the backlog.
   */
  behindMs: number;
  /** How long to wait, after the last answer that counts, for the bot to answer the rest (its backlog). */
  drainMs: number;
}

export interface OpenLoopRun {
  outcomes: CommandOutcome[];
  /** Seconds into the schedule when sending stopped because answers fell behind; null when it ran out. */
  stoppedAtSeconds: number | null;
  /** Commands acked but still unanswered when the drain gave up: work the bot still had queued. */
  undrained: number;
}

const BEHIND_CHECK_MS = 250;

/**
 * Sends each command when it is due (`dueMs`, from the start), whether or not earlier ones have been answered:
 * the schedule runs against the clock, never after the previous send, and nothing caps the commands in flight.
 * Then waits for the answers (at most `answerTimeoutMs` each) and for the bot to catch up (at most `drainMs`),
 * so the next run starts on an idle bot.
 */
export async function sendOpenLoop(
  dueMs: number[],
  send: SendCommand,
  limits: OpenLoopLimits,
): Promise<OpenLoopRun> {
  const started = performance.now();
  const waiting = new Map<number, number>();
  const accepted: SentCommand[] = [];

  const sendOne = async (index: number, due: number): Promise<CommandOutcome> => {
    const dueAt = started + due;
    const lateMs = performance.now() - dueAt;
    const command = await within(send(index, limits.answerTimeoutMs), limits.answerTimeoutMs);
    const ackMs = performance.now() - dueAt;
    const acked = command?.ok === true && ackMs <= PLATFORM_ACK_MS;
    if (command?.ok) accepted.push(command);
    if (!command || !acked) return { dueMs: due, lateMs, ackMs, acked, answerMs: Number.POSITIVE_INFINITY };
    waiting.set(index, dueAt);
    const answerMs = await command.answered.then(
      () => performance.now() - dueAt,
      () => Number.POSITIVE_INFINITY,
    );
    waiting.delete(index);
    const inTime = answerMs <= limits.answerTimeoutMs ? answerMs : Number.POSITIVE_INFINITY;
    return { dueMs: due, lateMs, ackMs, acked, answerMs: inTime };
  };

  const fellBehind = (sent: number) => {
    const now = performance.now();
    let behind = 0;
    for (const dueAt of waiting.values()) if (now - dueAt > limits.behindMs) behind += 1;
    return behind > Math.max(10, sent / 100);
  };

  const outcomes: Promise<CommandOutcome>[] = [];
  let stoppedAtSeconds: number | null = null;
  let checked = started;
  for (const [index, due] of dueMs.entries()) {
    const wait = started + due - performance.now();
    if (wait > 0) await sleep(wait);
    if (performance.now() - checked > BEHIND_CHECK_MS) {
      checked = performance.now();
      if (fellBehind(outcomes.length)) {
        stoppedAtSeconds = due / 1000;
        break;
      }
    }
    outcomes.push(sendOne(index, due));
  }
  const settled = await Promise.all(outcomes);
  const drainUntil = performance.now() + limits.drainMs;
  while (accepted.some((command) => !command.seen()) && performance.now() < drainUntil) await sleep(200);
  const undrained = accepted.filter((command) => !command.seen()).length;
  return { outcomes: settled, stoppedAtSeconds, undrained };
}
