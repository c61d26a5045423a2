import { truncateAtWord } from '../../core/cards/text.js';

/**
 * Slack mrkdwn for untrusted text. `&`, `<` and `>` are the only characters Slack's formatting reads as control
 * (`<!channel>`, `<http://x|link>`, `<@U123>`), so escaping them makes any paper title or abstract show as text.
 *
 * @example
 * escapeMrkdwn('<!channel> <http://evil|click>'); // '&lt;!channel&gt; &lt;http://evil|click&gt;'
 */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Escaped text of at most `max` characters once escaped, cut on a word boundary before escaping (so an entity
 * such as `&amp;` is never cut in half).
 */
export const escapeWithin = (text: string, max: number): string => {
  let room = max;
  for (;;) {
    const escaped = escapeMrkdwn(truncateAtWord(text, room));
    if (escaped.length <= max || room <= 1) return escaped.length <= max ? escaped : '';
    room = Math.max(1, Math.min(room - 1, Math.floor((room * max) / escaped.length)));
  }
};

/**
 * A link `<url|label>` around an already escaped label, or the label alone when the URL is not an http(s) URL or
 * would be longer than `urlMax` once escaped. Characters that would end the link early (`|`, `>`, whitespace)
 * are percent-encoded.
 */
export const mrkdwnLink = (url: string, escapedLabel: string, urlMax = 600): string => {
  if (!/^https?:\/\//i.test(url)) return escapedLabel;
  const safeUrl = url.replace(/[|<>\s]/g, (char) => encodeURIComponent(char)).replace(/&/g, '&amp;');
  return safeUrl.length > urlMax ? escapedLabel : `<${safeUrl}|${escapedLabel}>`;
};

/** Escaped text in pieces of at most `max` characters, split between lines where possible. */
export function escapedChunks(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const escaped = escapeWithin(line, max);
    if (current !== '' && current.length + 1 + escaped.length > max) {
      pieces.push(current);
      current = escaped;
    } else {
      current = current === '' ? escaped : `${current}\n${escaped}`;
    }
  }
  if (current.trim() !== '') pieces.push(current);
  return pieces;
}

/** A Slack user id (`U…`, or `W…` on Enterprise Grid), as mentions and clicks carry them. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{1,30}$/;

/** The mention `<@U123>` of a Slack user id, or null for anything that is not one (it is then not shown). */
export const userMention = (userId: string): string | null =>
  SLACK_USER_ID.test(userId) ? `<@${userId}>` : null;
