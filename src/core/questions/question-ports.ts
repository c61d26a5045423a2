import type { Platform } from '../channel.js';

/** A paper's full text as the model reads it: cleaned, cut to the prompt's budget, and where it came from. */
export interface PaperFullText {
  url: string;
  text: string;
}

/**
 * Full texts of papers (arXiv's HTML), fetched once and kept; null when arXiv has none or it cannot be fetched
 * now (the answer then rests on the abstract). Never throws.
 *
 * @example
 * const text = await fullTexts.get('2606.00467'); // { url: 'https://arxiv.org/html/2606.00467', text: '...' } or null
 */
export interface PaperFullTexts {
  get(paperId: string): Promise<PaperFullText | null>;
}

/** One question, as the limits count it; `dedupeKey` is the platform's id of the event or interaction. */
export interface AskedQuestion {
  platform: Platform;
  workspaceId: string;
  userId: string;
  paperId: string;
  dedupeKey: string;
}

export interface QuestionLimitValues {
  perUserHour: number;
  perWorkspaceDay: number;
}

/** `admitted`, or why not: the same event again (a platform's retry), or a limit reached and when it frees up. */
export type Admission =
  | { kind: 'admitted' }
  | { kind: 'duplicate' }
  | { kind: 'userLimit' | 'workspaceLimit'; retryAt: Date };

/**
 * Counts questions against the per-person hourly and per-workspace daily limits, across replicas; the same
 * event (by `dedupeKey`) is admitted once.
 */
export interface QuestionLimits {
  admit(question: AskedQuestion, limits: QuestionLimitValues, now: Date): Promise<Admission>;
  /** The admitted question got no answer (the model failed, or the budget was spent): it no longer counts. */
  release(dedupeKey: string): Promise<void>;
}
