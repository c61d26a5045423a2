import { truncateAtWord } from '../../core/cards/text.js';

/** Characters Discord reads as markdown or mention syntax. */
const MARKDOWN = /[\\`*_~|[\]()<>#]/g;
/** `@everyone`, `@here` and user/role mentions written out: a zero-width space keeps them plain text. */
const MASS_MENTION = /@(everyone|here)/gi;

/**
 * Untrusted text (titles, abstracts, author names) made inert for Discord: markdown characters are
 * backslash-escaped and `@everyone`/`@here` broken with a zero-width space. Messages also send
 * `allowed_mentions: { parse: [] }`, so even a missed mention cannot ping.
 *
 * @example
 * escapeMarkdown('**LoRA** @everyone'); // '\\*\\*LoRA\\*\\* @\u200beveryone'
 */
export const escapeMarkdown = (text: string): string =>
  text.replace(MARKDOWN, (character) => `\\${character}`).replace(MASS_MENTION, '@\u200b$1');

/**
 * Escapes `text` and shortens it on a word boundary so that the escaped result fits in `max` units.
 *
 * @example
 * fitEscaped('A *very* long title', 12); // 'A \\*very\\*…'
 */
export const fitEscaped = (text: string, max: number): string => {
  let room = max;
  let escaped = escapeMarkdown(truncateAtWord(text, room));
  while (escaped.length > max && room > 0) {
    room -= Math.max(1, escaped.length - max);
    escaped = escapeMarkdown(truncateAtWord(text, room));
  }
  return escaped.length > max ? '' : escaped;
};
