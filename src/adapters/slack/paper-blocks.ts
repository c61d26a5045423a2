import type { types } from '@slack/bolt';
import { type FeedbackCounts, type PaperItem, summaryLabel } from '../../core/cards/card.js';
import { truncateAtWord } from '../../core/cards/text.js';
import {
  countsText,
  FEEDBACK_KINDS,
  type FeedbackKind,
  feedbackValue,
  readFeedbackValue,
} from '../../core/feedback/feedback.js';
import { type Block, context, section, type Unit } from './block-units.js';
import { escapedChunks, escapeWithin, mrkdwnLink, userMention } from './mrkdwn.js';
import { SLACK_LIMITS } from './slack-limits.js';

/** The `action_id` of the feedback menu on each paper (unique within its block, as Slack requires). */
export const FEEDBACK_ACTION_ID = 'paper_feedback';

const FEEDBACK_LABELS: Record<FeedbackKind, string> = {
  relevant: '👍 Relevant',
  notRelevant: '👎 Not relevant',
  save: '🔖 Save',
};

/** Counts as wide as they can get, to measure a paper whose counts may grow after it was posted. */
const WIDEST_COUNTS: FeedbackCounts = { relevant: 9_999_999, saved: 9_999_999 };
/** At most this many people are named under a saved paper; the rest are counted. */
const SAVED_BY_SHOWN = 10;

/**
 * The paper's 👍 👎 🔖 as an overflow menu, the accessory of its section: it takes no block of its own (three
 * buttons would take an actions block per paper, and 383 characters against the menu's 310), so a list keeps
 * 2 blocks per paper. Left out when the paper's id makes no value the core reads back.
 */
function feedbackMenu(item: PaperItem): types.Overflow | undefined {
  const options = FEEDBACK_KINDS.map((kind) => ({
    text: { type: 'plain_text' as const, text: FEEDBACK_LABELS[kind] },
    value: feedbackValue(kind, item.id),
  }));
  const readable = options.every(
    (option) => option.value.length <= SLACK_LIMITS.optionValue && readFeedbackValue(option.value) !== null,
  );
  return readable ? { type: 'overflow', action_id: FEEDBACK_ACTION_ID, options } : undefined;
}

/** `Saved by <@U1>, <@U2> and 3 more`: only real Slack user ids become mentions; anything else is dropped. */
function savedByText(savedBy: readonly string[] | undefined): string {
  const mentions = [...new Set(savedBy ?? [])]
    .map(userMention)
    .filter((mention): mention is string => mention !== null);
  if (mentions.length === 0) return '';
  const rest = mentions.length - SAVED_BY_SHOWN;
  return `Saved by ${mentions.slice(0, SAVED_BY_SHOWN).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

function metaLine(item: PaperItem): string {
  const parts: string[] = [];
  if (item.upvotes !== null) parts.push(`▲ ${item.upvotes}`);
  if (item.comments !== null) parts.push(`:speech_balloon: ${item.comments}`);
  if (item.date) parts.push(escapeWithin(item.date, 40));
  if (item.code) {
    const stars = item.code.stars === null ? '' : ` ★ ${item.code.stars}`;
    parts.push(`${mrkdwnLink(item.code.url, 'Code')}${stars}`);
  }
  return parts.join(' · ');
}

function titleLine(item: PaperItem, number: number | null): string {
  const prefix = number === null ? '' : `${number}. `;
  return `${prefix}*${mrkdwnLink(item.url, escapeWithin(item.title, 400))}*`;
}

/** Why a learned ranking chose the paper: one escaped line. */
const becauseLine = (item: PaperItem): string =>
  item.because ? `:bulb: ${escapeWithin(item.because, 300)}` : '';

/** Authors, the matched term, then (on cards with feedback) the counts, and who saved it. */
function contextBlock(item: PaperItem, counts: string): Block | null {
  const parts: string[] = [];
  if (item.authors) parts.push(escapeWithin(item.authors, 500));
  if (item.matchedTerm) parts.push(`Matched: ${escapeWithin(item.matchedTerm, 200)}`);
  if (counts) parts.push(counts);
  const saved = savedByText(item.savedBy);
  if (saved) parts.push(saved);
  return parts.length > 0 ? context(parts.join(' · ')) : null;
}

/** The blocks of a paper's head, drawn with `counts`: its section (with the feedback menu) and context line. */
function headBlocks(item: PaperItem, lines: string[], feedback: boolean, counts?: FeedbackCounts): Block[] {
  const text = lines.filter((line) => line !== '').join('\n');
  const blocks: Block[] = [section(text, feedback ? feedbackMenu(item) : undefined)];
  const extra = contextBlock(item, feedback ? countsText(counts) : '');
  if (extra) blocks.push(extra);
  return blocks;
}

/** A paper's head as a unit, measured with its counts at their widest when the card has feedback. */
function headUnit(item: PaperItem, lines: string[], feedback: boolean): Omit<Unit, 'line' | 'item'> {
  const blocks = headBlocks(item, lines, feedback, item.counts);
  return feedback ? { blocks, measure: headBlocks(item, lines, feedback, WIDEST_COUNTS) } : { blocks };
}

/** ` · _AI summary_`: what kind of summary it is, after it. */
const labelAfter = (item: PaperItem): string => {
  const label = summaryLabel(item);
  return label === null ? '' : ` · _${label}_`;
};

/** The one-line summary, escaped, with its label. */
const summaryLine = (item: PaperItem): string =>
  item.summary === '' ? '' : `${escapeWithin(item.summary, 600)}${labelAfter(item)}`;

/**
 * A paper in a list, numbered `number`: title link, meta line, one-line summary and why it was chosen, then
 * authors, the matched term, counts and who saved it; the feedback menu beside it.
 */
export function listItemUnit(item: PaperItem, number: number, index: number, feedback: boolean): Unit {
  const lines = [titleLine(item, number), metaLine(item), summaryLine(item), becauseLine(item)];
  return { ...headUnit(item, lines, feedback), line: `${number}. ${item.title} — ${item.url}`, item: index };
}

/**
 * A paper on its own, compactly (a link card): title link, meta line (upvotes, date, code and stars) and one-line
 * summary, then authors and counts; the feedback menu beside it.
 */
export function linkItemUnit(item: PaperItem, feedback: boolean): Unit {
  const lines = [titleLine(item, null), metaLine(item), summaryLine(item)];
  return { ...headUnit(item, lines, feedback), line: `${item.title} — ${item.url}`, item: 0 };
}

/** A paper in full: its head, the summary unless the abstract starts with it, the abstract, the links. */
export function fullItemUnits(item: PaperItem, index: number, feedback: boolean): Unit[] {
  const lines = [titleLine(item, null), metaLine(item), becauseLine(item)];
  const units: Unit[] = [
    { ...headUnit(item, lines, feedback), line: `${item.title} — ${item.url}`, item: index },
  ];
  const repeats = item.abstract.startsWith(item.summary.replace(/…$/, ''));
  if (item.summary !== '' && !repeats)
    units.push({ blocks: [section(`_${escapeWithin(item.summary, 600)}_${labelAfter(item)}`)] });
  for (const chunk of escapedChunks(truncateAtWord(item.abstract, 6000), SLACK_LIMITS.sectionText)) {
    units.push({ blocks: [section(chunk)] });
  }
  // A link without a label shows nothing, and Slack refuses an empty context: such links are left out.
  const links = item.links
    .slice(0, 8)
    .map((link) => mrkdwnLink(link.url, escapeWithin(link.label, 40)))
    .filter((link) => link.trim() !== '');
  if (links.length > 0) units.push({ blocks: [context(links.join(' · '))] });
  return units;
}
