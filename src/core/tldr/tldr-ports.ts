/** A TL;DR a model wrote, as stored. */
export interface StoredTldr {
  text: string;
  model: string;
}

/** A TL;DR to write: the paper's text and how often it was tried before. */
export interface TldrJob {
  paperId: string;
  language: string;
  /** Attempts including this one. */
  attempts: number;
  title: string;
  abstract: string;
  /**
   * When this replica's claim runs out: the job's outcome is recorded only while the claim is still this one, so
   * a replica that outlived its lease cannot requeue or fail a job another replica has claimed since.
   */
  leaseUntil: Date;
}

/** Priority of a TL;DR a digest is waiting for: before any other. */
export const URGENT_PRIORITY = 2_000_000_000;

/**
 * TL;DRs per paper and language, and the queue of those still to write, shared by every replica: a job is
 * claimed with a lease (`FOR UPDATE SKIP LOCKED`), so each TL;DR is written once; one whose replica died is
 * claimed again when its lease runs out.
 *
 * @example
 * await tldrs.request(['2606.00467'], 'de', 12, now);
 * const [job] = await tldrs.claim(now, 1, 120_000);
 * await tldrs.complete(job, 'LoRA-Tune passt Ränge an.', 'llama3.1:8b', now);
 * (await tldrs.stored(['2606.00467'], 'de')).get('2606.00467')?.text; // 'LoRA-Tune passt Ränge an.'
 */
export interface Tldrs {
  stored(paperIds: readonly string[], language: string): Promise<Map<string, StoredTldr>>;
  /**
   * Queues the papers that have no TL;DR in `language` yet; a paper already queued keeps the higher priority and
   * becomes due now if it was waiting. Papers the store does not have are ignored. Returns those of them that are
   * queued or being written (not those given up on).
   */
  request(paperIds: readonly string[], language: string, priority: number, now: Date): Promise<string[]>;
  /** Leases up to `limit` due jobs (highest priority first), counting an attempt on each. */
  claim(now: Date, limit: number, leaseMs: number): Promise<TldrJob[]>;
  /** Stores the TL;DR (a second one for the same paper and language is ignored) and drops the job. */
  complete(job: Pick<TldrJob, 'paperId' | 'language'>, text: string, model: string, now: Date): Promise<void>;
  /**
   * Due again at `nextAttemptAt`; `countAttempt: false` gives the attempt back (the budget, not the model, said
   * no). Nothing changes when the job's lease is no longer this claim's.
   */
  retry(
    job: TldrJob,
    nextAttemptAt: Date,
    error: string,
    options?: { countAttempt?: boolean },
  ): Promise<void>;
  /** Gives up on the job; it stays as `failed` with its error (unless its lease is no longer this claim's). */
  fail(job: TldrJob, error: string): Promise<void>;
}

/**
 * The model's daily token budget (LLM_DAILY_TOKENS), shared by every replica: a call reserves what it may
 * use before it runs, and settles what it used after.
 */
export interface TokenBudget {
  /** Reserves `tokens` on the UTC day of `now`; false (and nothing reserved) when that would pass `limit`. */
  reserve(now: Date, tokens: number, limit: number): Promise<boolean>;
  /** Replaces a reservation by what the call used (less, or a little more); with none (0), counts what it used. */
  settle(now: Date, reserved: number, used: number): Promise<void>;
  /** Tokens used (and reserved) on the UTC day of `now`. */
  used(now: Date): Promise<number>;
}
