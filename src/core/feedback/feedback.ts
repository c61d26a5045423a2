import type { FeedbackCounts } from '../cards/card.js';
/** What a person can say about a paper in a channel. */
export type FeedbackKind = 'relevant' | 'notRelevant' | 'save';

export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['relevant', 'notRelevant', 'save'];

/** One person's feedback on one paper in one channel. 👍 and 👎 exclude each other; saving is independent. */
export interface FeedbackState {
  /** 1 relevant, -1 not relevant, 0 neither. */
  relevance: -1 | 0 | 1;
  saved: boolean;
}

/** What a click did: the state afterwards, and whether it changed anything (a repeat within seconds does not). */
export interface FeedbackResult {
  state: FeedbackState;
  changed: boolean;
}

const CODES: Record<FeedbackKind, string> = { relevant: 'r', notRelevant: 'n', save: 's' };
const KIND_BY_CODE = new Map(Object.entries(CODES).map(([kind, code]) => [code, kind as FeedbackKind]));
/** Version tag of feedback values; a value of another shape is not one. */
const PREFIX = 'fb1';
const PAPER_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

/**
 * The value a feedback control carries: its kind and the paper, e.g. `fb1:s:2606.93392`. Always short (under 40
 * characters), so it fits every platform's button as it is; which message it is on comes from the click itself.
 *
 * @example
 * feedbackValue('save', '2606.93392'); // 'fb1:s:2606.93392'
 */
export const feedbackValue = (kind: FeedbackKind, paperId: string): string =>
  `${PREFIX}:${CODES[kind]}:${paperId}`;

/** Reads a feedback value back; anything else (another shape, an id that is not an arXiv id) gives null. */
export function readFeedbackValue(value: string): { kind: FeedbackKind; paperId: string } | null {
  const [prefix, code = '', paperId = '', ...extra] = value.split(':');
  const kind = KIND_BY_CODE.get(code);
  if (prefix !== PREFIX || kind === undefined || extra.length > 0 || !PAPER_ID.test(paperId)) return null;
  return { kind, paperId };
}

/**
 * What a paper's counts look like on every platform: `🔖 3 · 👍 5`, only what is not zero, empty when nobody said
 * anything. How many found it not relevant, and who, is never shown.
 */
export function countsText(counts: FeedbackCounts | undefined): string {
  return [counts?.saved ? `🔖 ${counts.saved}` : '', counts?.relevant ? `👍 ${counts.relevant}` : '']
    .filter((part) => part !== '')
    .join(' · ');
}
