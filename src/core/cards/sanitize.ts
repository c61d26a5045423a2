import type { Card, CardAction, Notice, PaperItem } from './card.js';

// Terminal escape sequences, whole: CSI (`ESC [ … final`, or C1 `\x9b`), OSC and the other string commands
// (`ESC ] … BEL|ST`, DCS, SOS, PM, APC; an unterminated one runs to the end), then any other two-byte `ESC x`.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]?',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u001b[ -/]*[0-~]?',
  ].join('|'),
  'g',
);
/** C0 and C1 control characters and DEL, except tab and line feed (handled separately). */
const CONTROL = /(?![\t\n])\p{Cc}/gu;
/** Bidirectional overrides and isolates, which can make text display in an order other than it reads. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes what must never reach a screen from untrusted text: terminal escape sequences (whole, so `ESC[2J`
 * leaves nothing behind), C0/C1 control characters and bidi overrides. Single-line text (the default) has every
 * whitespace run collapsed to one space; `multiline` keeps line breaks (CRLF, CR and U+2028/2029 become `\n`),
 * trims each line's end and keeps at most one blank line in a row.
 *
 * @example
 * stripControlChars('Evil\u001b[2J title\u0007'); // 'Evil title'
 */
export const stripControlChars = (text: string, options: { multiline?: boolean } = {}): string => {
  const withBreaks = text.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  const clean = withBreaks
    .replace(ESCAPE_SEQUENCE, '')
    .replace(BIDI_CONTROL, '')
    .replace(/[\t\v\f]/g, ' ');
  if (!options.multiline) return clean.replace(/\n/g, ' ').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  return clean
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
};

const line = (text: string): string => stripControlChars(text);
const lines = (text: string): string => stripControlChars(text, { multiline: true });
const optional = <T>(value: T | undefined, clean: (value: T) => T): T | undefined =>
  value === undefined ? undefined : clean(value);

const sanitizeItem = (item: PaperItem): PaperItem => ({
  ...item,
  id: line(item.id),
  title: line(item.title),
  url: line(item.url),
  authors: line(item.authors),
  date: item.date === null ? null : line(item.date),
  code: item.code === null ? null : { url: line(item.code.url), stars: item.code.stars },
  summary: line(item.summary),
  matchedTerm: item.matchedTerm === null ? null : line(item.matchedTerm),
  abstract: lines(item.abstract),
  links: item.links.map((link) => ({ label: line(link.label), url: line(link.url) })),
  ...(item.because === undefined ? {} : { because: line(item.because) }),
  ...(item.savedBy === undefined ? {} : { savedBy: item.savedBy.map(line) }),
});

const sanitizeNotice = (notice: Notice): Notice => ({
  ...notice,
  text: lines(notice.text),
  example: optional(notice.example, line),
});

/** Labels are shown; values are opaque tokens that the core reads back, so they are left as they are. */
const sanitizeAction = (action: CardAction): CardAction => ({ ...action, label: line(action.label) });

/**
 * A copy of a card with every shown text passed through `stripControlChars` (abstract, notices, footer and
 * fallback keep their line breaks). Renderers call it first, whoever built the card.
 */
export const sanitizeCard = (card: Card): Card => ({
  ...card,
  header: line(card.header),
  subheader: optional(card.subheader, line),
  items: card.items.map(sanitizeItem),
  notices: card.notices.map(sanitizeNotice),
  footer: optional(card.footer, lines),
  actions: card.actions.map(sanitizeAction),
  ...(card.seen
    ? {
        seen: card.seen.map((seen) => ({
          ...seen,
          title: line(seen.title),
          ...(seen.news === undefined ? {} : { news: line(seen.news) }),
        })),
      }
    : {}),
  fallback: lines(card.fallback),
});
