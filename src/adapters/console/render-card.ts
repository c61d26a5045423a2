import {
  type Card,
  type CardAction,
  type Notice,
  type PaperItem,
  summaryLabel,
} from '../../core/cards/card.js';
import { sanitizeCard } from '../../core/cards/sanitize.js';
import { seenLineText } from '../../core/digest/seen-lines.js';
import { countsText } from '../../core/feedback/feedback.js';
import { type Ansi, createAnsi } from './ansi.js';
import { wrapParts, wrapText } from './render-wrap.js';

export interface RenderCardOptions {
  /** ANSI styles; false gives plain text without a single escape code. */
  color: boolean;
  /** Terminal columns to wrap at; default 100, at least 20. */
  width?: number;
}

export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 20;

const NOTICE_STYLE: Record<Notice['tone'], { icon: string; paint: (ansi: Ansi, text: string) => string }> = {
  info: { icon: 'ℹ', paint: (_ansi, text) => text },
  success: { icon: '✔', paint: (ansi, text) => ansi.green(text) },
  warning: { icon: '⚠', paint: (ansi, text) => ansi.yellow(text) },
  error: { icon: '✖', paint: (ansi, text) => ansi.red(text) },
};

const SEEN_HEADINGS = { shared: 'Already shared here', since: 'Since you saw it' } as const;

const ACTION_WORDS: Record<Exclude<CardAction['kind'], 'editSettings'>, string> = {
  nextPage: 'next',
  share: 'share',
};

/**
 * A card as terminal text: bold header, dim subheader, numbered papers (title, meta line, summary, matched term,
 * URL), notices coloured by tone with their example on its own line, footer and action hints, with blank lines
 * between blocks. URLs and examples are never wrapped, so they stay clickable and copyable. A card with a single
 * paper shows it in full: the summary (unless it only repeats the abstract), the whole abstract and every link.
 * All text goes through `sanitizeCard` first, so titles and abstracts cannot carry terminal escape sequences.
 *
 * @example
 * process.stdout.write(`${renderCard(card, { color: process.stdout.isTTY })}\n`);
 */
export const renderCard = (card: Card, options: RenderCardOptions): string => {
  const clean = sanitizeCard(card);
  const ansi = createAnsi(options.color);
  const width = Number.isFinite(options.width)
    ? Math.max(MIN_WIDTH, Math.floor(options.width ?? 0))
    : DEFAULT_WIDTH;
  const full = clean.items.length === 1;
  const numberWidth = String(clean.items.length).length;

  const head = wrapText(clean.header, width).map(ansi.bold);
  if (clean.subheader) head.push(...wrapText(clean.subheader, width).map(ansi.dim));
  const blocks: string[][] = [head];
  clean.items.forEach((item, index) => {
    blocks.push(renderItem(item, `${String(index + 1).padStart(numberWidth)}. `, { ansi, width, full }));
  });
  if (clean.notices.length > 0) {
    blocks.push(clean.notices.flatMap((notice) => renderNotice(notice, ansi, width)));
  }
  for (const kind of ['shared', 'since'] as const) {
    const seen = (clean.seen ?? []).filter((line) => line.kind === kind);
    if (seen.length === 0) continue;
    blocks.push([
      ansi.bold(SEEN_HEADINGS[kind]),
      ...seen.flatMap((line) => wrapText(`• ${seenLineText(line)}`, width)),
    ]);
  }
  if (clean.footer) blocks.push(paragraphs(clean.footer, width, '').map(ansi.dim));
  // The console has no settings form: `/papers config` is how settings change there.
  const hints = clean.actions.filter(isTyped).map(actionHint);
  if (clean.feedback && clean.items.length > 0) hints.push(FEEDBACK_HINT);
  if (hints.length > 0) blocks.push([hints.map((hint) => ansi.dim(hint)).join('  ')]);
  return blocks.map((block) => block.join('\n')).join('\n\n');
};

/** How to press a paper's 👍, 👎 and 🔖 in the terminal: by its number in the last card. */
export const FEEDBACK_HINT = '[👍 👎 🔖: type "relevant 1", "not-relevant 1" or "save 1"]';

/** `[Next: type "next"]`: what to type in the console to press the button. */
const isTyped = (action: CardAction): action is CardAction & { kind: keyof typeof ACTION_WORDS } =>
  action.kind in ACTION_WORDS;

export const actionHint = (action: CardAction & { kind: keyof typeof ACTION_WORDS }): string =>
  `[${action.label || ACTION_WORDS[action.kind]}: type "${ACTION_WORDS[action.kind]}"]`;

/** `▲ 42 · 💬 3 · 2026-06-12 · Ada Lovelace, Alan Turing et al. · code ★ 120`; empty parts are left out. */
export const metaLine = (item: PaperItem): string => metaParts(item).join(' · ');

const metaParts = (item: PaperItem): string[] =>
  [
    item.upvotes === null ? '' : `▲ ${item.upvotes}`,
    item.comments ? `💬 ${item.comments}` : '',
    item.date ?? '',
    item.authors,
    item.code === null ? '' : item.code.stars === null ? 'code' : `code ★ ${item.code.stars}`,
    countsText(item.counts),
  ].filter((part) => part !== '');

const renderItem = (
  item: PaperItem,
  number: string,
  context: { ansi: Ansi; width: number; full: boolean },
): string[] => {
  const { ansi, width, full } = context;
  const indent = ' '.repeat(number.length);
  const [first = '', ...rest] = wrapText(item.title, width - number.length);
  const lines = [number + ansi.bold(first), ...rest.map((line) => indent + ansi.bold(line))];
  lines.push(...wrapParts(metaParts(item), width, indent).map(ansi.dim));
  if (item.summary !== '' && !(full && repeatsAbstract(item))) {
    const label = summaryLabel(item);
    lines.push(...wrapText(label === null ? item.summary : `${item.summary} · ${label}`, width, indent));
  }
  if (full && item.abstract !== '') lines.push('', ...paragraphs(item.abstract, width, indent));
  if (item.matchedTerm) lines.push(...wrapText(`matched: ${item.matchedTerm}`, width, indent));
  if (item.because) lines.push(...wrapText(`why: ${item.because}`, width, indent).map(ansi.dim));
  if (item.savedBy && item.savedBy.length > 0) {
    lines.push(...wrapText(`saved by ${item.savedBy.map((user) => `@${user}`).join(', ')}`, width, indent));
  }
  if (full && item.links.length > 0) {
    for (const link of item.links) lines.push(`${indent}${link.label}: ${ansi.cyan(link.url)}`);
  } else if (item.url !== '') {
    lines.push(indent + ansi.cyan(item.url));
  }
  return lines;
};

/** True when the summary is only the abstract's first sentence, so the full view need not show it twice. */
const repeatsAbstract = (item: PaperItem): boolean =>
  item.abstract.startsWith(item.summary.replace(/…$/, ''));

const renderNotice = (notice: Notice, ansi: Ansi, width: number): string[] => {
  const style = NOTICE_STYLE[notice.tone];
  const [first = '', ...rest] = paragraphs(notice.text, width - 2, '');
  const lines = [`${style.icon} ${first}`, ...rest.map((line) => `  ${line}`)].map((line) =>
    style.paint(ansi, line),
  );
  if (notice.example) lines.push(`  ${ansi.dim('Example:')} ${ansi.cyan(notice.example)}`);
  return lines;
};

/** Multi-line text wrapped line by line; blank lines are kept (without trailing spaces). */
const paragraphs = (text: string, width: number, indent: string): string[] =>
  text.split('\n').flatMap((line) => (line.trim() === '' ? [''] : wrapText(line, width, indent)));
