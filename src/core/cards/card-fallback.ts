import type { Card, Notice } from './card.js';
import { stripControlChars } from './sanitize.js';

/** The longest header a card gets: Slack's plain-text header block takes 150 characters. */
export const HEADER_MAX = 150;

/** A card before its plain-text fallback is written. */
export type CardBody = Omit<Card, 'fallback'>;

/** A notice as plain text: its text, then `Example: …` on its own line. */
export const noticeText = (notice: Notice): string =>
  notice.example ? `${notice.text}\nExample: ${notice.example}` : notice.text;

/**
 * The plain-text version of a card: header, subheader, one numbered line per paper (`1. Title — url`), the
 * notices and the footer, one per line, without control characters.
 */
export const plainTextFallback = (body: CardBody): string => {
  const lines = [
    body.header,
    body.subheader,
    ...body.items.map((item, index) => `${index + 1}. ${item.title} — ${item.url}`),
    ...body.notices.map(noticeText),
    body.footer,
  ];
  const text = lines.filter((line): line is string => line !== undefined && line !== '').join('\n');
  return stripControlChars(text, { multiline: true });
};

/** Completes a card with its fallback. */
export const withFallback = (body: CardBody, fallback = plainTextFallback(body)): Card => ({
  ...body,
  fallback,
});
