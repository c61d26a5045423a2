import { backoffDelay } from '../core/backoff.js';
import {
  estimatePromptTokens,
  isRetryableModelError,
  type LanguageModel,
  ModelRateLimitedError,
  ModelRejectedError,
  ModelResponseError,
  ModelUnavailableError,
} from '../core/language-model.js';
import type { Logger } from '../core/logger.js';
import type { ModelHealth } from '../core/tldr/model-health.js';
import type { TldrJob, Tldrs, TokenBudget } from '../core/tldr/tldr-ports.js';
import { cleanTldr, TLDR_MAX_TOKENS, tldrMessages } from '../core/tldr/tldr-prompt.js';

export interface TldrWorkerOptions {
  tldrs: Tldrs;
  budget: TokenBudget;
  model: LanguageModel;
  health: ModelHealth;
  /** LLM_DAILY_TOKENS; 0: no limit. */
  dailyTokens: number;
  /** TL;DRs written at once by this replica (LLM_CONCURRENCY). */
  concurrency: number;
  /** How long a claimed job is this replica's; it must outlast a model call (LLM_TIMEOUT). */
  leaseMs: number;
  logger: Logger;
  /** After this many failed attempts a job is given up (`failed`). */
  maxAttempts?: number;
  /** How often an idle worker looks for work. */
  pollMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => Date;
  random?: () => number;
}

const MAX_ATTEMPTS = 6;
const POLL_MS = 1_000;

/** The model failed, whatever it was asked: rate limited, unreachable, down, or refusing the configuration. */
const isModelDown = (error: unknown): boolean =>
  error instanceof ModelRateLimitedError ||
  error instanceof ModelUnavailableError ||
  error instanceof ModelRejectedError;

const nextUtcMidnight = (at: Date): Date =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));

/**
 * Writes the queued TL;DRs in the background: claims due jobs (shared by every replica, each TL;DR once),
 * reserves their tokens against the day's budget, asks the model, and stores the cleaned answer. A failure is
 * retried with backoff (or after the model's Retry-After) until `maxAttempts`, then the job is marked failed;
 * an answer with nothing usable in it counts as a failure. While a model that is down or rate limited waits out
 * that delay, this replica asks it nothing else. When the day's budget is spent the jobs wait for the
 * next UTC day, without counting an attempt; a job that needs more than a whole day's budget is given up at once.
 * Nothing it does is awaited by a digest.
 */
export function createTldrWorker(options: TldrWorkerOptions) {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const log = options.logger.child({ job: 'tldr-worker' });
  let pausedUntil = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  const abort = new AbortController();

  /** The wait before a failed job is tried again: the model's Retry-After, else backoff on its attempts. */
  const retryDelay = (job: TldrJob, error: unknown): number =>
    error instanceof ModelRateLimitedError && error.retryAfterMs !== null
      ? Math.max(1_000, error.retryAfterMs)
      : backoffDelay(job.attempts, {
          baseDelayMs: options.baseDelayMs ?? 30_000,
          maxDelayMs: options.maxDelayMs ?? 3_600_000,
          random,
        }) + 1_000;

  async function retryLater(job: TldrJob, error: unknown, waitMs: number) {
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts >= maxAttempts) {
      log.warn('gave up on a TL;DR; the card keeps the abstract sentence', {
        paper: job.paperId,
        language: job.language,
        attempts: job.attempts,
        error: message,
      });
      await options.tldrs.fail(job, message);
      return;
    }
    const level = error instanceof ModelRejectedError ? 'error' : 'info';
    log[level]('a TL;DR failed; retrying later', {
      paper: job.paperId,
      attempt: job.attempts,
      waitMs,
      error: message,
    });
    await options.tldrs.retry(job, new Date(now().getTime() + waitMs), message);
  }

  async function write(job: TldrJob): Promise<'written' | 'failed' | 'budget'> {
    const reservedAt = now();
    const messages = tldrMessages(job, job.language);
    const limited = options.dailyTokens > 0;
    // Without a limit nothing is reserved: what the call used is counted after it.
    const reserved = limited ? estimatePromptTokens(messages) + TLDR_MAX_TOKENS : 0;
    if (limited && reserved > options.dailyTokens) {
      // No day's budget would ever fit it: waiting for the next day would only hold up the papers behind it.
      const message = `the prompt needs ${reserved} tokens, more than LLM_DAILY_TOKENS (${options.dailyTokens})`;
      log.warn('gave up on a TL;DR; the card keeps the abstract sentence', {
        paper: job.paperId,
        error: message,
      });
      await options.tldrs.fail(job, message);
      return 'failed';
    }
    if (limited && !(await options.budget.reserve(reservedAt, reserved, options.dailyTokens))) {
      const until = nextUtcMidnight(reservedAt);
      if (pausedUntil < until.getTime())
        log.warn('the daily token budget is spent; TL;DRs wait for the next UTC day', {
          // Not `dailyTokens`: the logger redacts fields named like tokens.
          dailyBudget: options.dailyTokens,
          resumesAt: until.toISOString(),
        });
      pausedUntil = until.getTime();
      // Nothing will be written before then: digests must not wait for it.
      options.health.failed();
      await options.tldrs.retry(job, until, 'daily token budget reached', { countAttempt: false });
      return 'budget';
    }
    let used = 0;
    try {
      const completion = await options.model.complete({
        messages,
        maxTokens: TLDR_MAX_TOKENS,
        signal: abort.signal,
      });
      used = completion.usage.totalTokens;
      options.health.succeeded();
      const text = cleanTldr(completion.text);
      if (text === null) throw new ModelResponseError('the answer had no usable TL;DR in it');
      await options.tldrs.complete(job, text, completion.model || options.model.name, now());
      return 'written';
    } catch (error) {
      if (abort.signal.aborted) {
        await options.tldrs.retry(job, now(), 'stopped by shutdown', { countAttempt: false });
        return 'failed';
      }
      if (isRetryableModelError(error) || error instanceof ModelRejectedError) options.health.failed();
      const waitMs = retryDelay(job, error);
      // Such a model fails every paper alike: no other job is tried before this one is due again, so an outage
      // (or a Retry-After) costs one attempt per wait, not one of every queued job.
      if (isModelDown(error)) pausedUntil = Math.max(pausedUntil, now().getTime() + waitMs);
      await retryLater(job, error, waitMs);
      return 'failed';
    } finally {
      await options.budget.settle(reservedAt, reserved, used).catch((error: unknown) => {
        log.warn('could not settle the token reservation', { error });
      });
    }
  }

  /** One round: claims what it can write at once and writes it. Returns how many were written. */
  async function runOnce(): Promise<number> {
    if (now().getTime() < pausedUntil) return 0;
    const jobs = await options.tldrs.claim(now(), options.concurrency, options.leaseMs);
    const outcomes = await Promise.all(
      jobs.map((job) =>
        write(job).catch((error: unknown) => {
          log.warn('could not record a TL;DR outcome; the job is claimed again when its lease runs out', {
            paper: job.paperId,
            error,
          });
          return 'failed' as const;
        }),
      ),
    );
    return outcomes.filter((outcome) => outcome === 'written').length;
  }

  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  return {
    runOnce,
    /** Starts the loop: a round whenever there was work, else one every `pollMs` or when woken. */
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let claimed = 0;
          try {
            claimed = await runOnce();
          } catch (error) {
            log.warn('could not look for TL;DRs to write; trying again shortly', { error });
          }
          if (running && claimed === 0) await idle(options.pollMs ?? POLL_MS);
        }
      })();
    },
    /** Looks for work now (a digest just asked for a TL;DR). */
    wake() {
      wakeUp?.();
    },
    /** Stops claiming, cuts model calls in flight (their jobs are due again at once) and waits for the loop. */
    async stop() {
      running = false;
      abort.abort();
      wakeUp?.();
      await loop;
    },
  };
}

export type TldrWorker = ReturnType<typeof createTldrWorker>;
