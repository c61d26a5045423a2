import type { Card, SeenLine } from '../../core/cards/card.js';
import { stripControlChars } from '../../core/cards/sanitize.js';
import { section, type Unit } from './block-units.js';
import { escapeWithin, mrkdwnLink, userMention } from './mrkdwn.js';
import { SLACK_LIMITS } from './slack-limits.js';

const HEADINGS: Record<SeenLine['kind'], string> = {
  shared: 'Already shared here',
  since: 'Since you saw it',
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `2026-12-01` as `Tue 1 Dec`; null for anything that is not a calendar day.
 *
 * @example
 * shortDay('2026-12-01'); // 'Tue 1 Dec'
 */
export function shortDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, date));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date) return null;
  return `${WEEKDAYS[at.getUTCDay()]} ${date} ${MONTHS[month - 1]}`;
}

/** A seen line's untrusted text without control characters (the core's `sanitizeCard` does not reach them). */
const clean = (line: SeenLine): SeenLine => ({
  ...line,
  title: stripControlChars(line.title),
  url: stripControlChars(line.url),
  day: stripControlChars(line.day),
  ...(line.sharedBy === undefined ? {} : { sharedBy: stripControlChars(line.sharedBy) }),
  ...(line.news === undefined ? {} : { news: stripControlChars(line.news) }),
  message: line.message && {
    id: line.message.id,
    link: line.message.link === null ? null : stripControlChars(line.message.link),
  },
});

/** `→ <link|thread>`, or nothing when the message has no (http) link. */
function messageArrow(line: SeenLine, label: string): string {
  const link = line.message?.link;
  return link && /^https?:\/\//i.test(link) ? ` → ${mrkdwnLink(link, label)}` : '';
}

/**
 * One seen line in mrkdwn: `• <url|Title> · shared by <@U123> on Tue 1 Dec → <link|thread>`, or
 * `• <url|Title>: 42 upvotes on Daily Papers · code → <link|original>`. The title and the news are escaped; a
 * `sharedBy` that is not a Slack user id is not mentioned.
 */
export function seenLineText(line: SeenLine): string {
  const title = mrkdwnLink(line.url, escapeWithin(line.title || line.paperId, 300));
  const day = shortDay(line.day);
  if (line.kind === 'shared') {
    const who = line.sharedBy === undefined ? null : userMention(line.sharedBy);
    const by = who ? ` by ${who}` : '';
    return `• ${title} · shared${by}${day ? ` on ${day}` : ''}${messageArrow(line, 'thread')}`;
  }
  const news = line.news ? escapeWithin(line.news, 200) : day ? `posted here on ${day}` : 'posted here';
  return `• ${title}: ${news}${messageArrow(line, 'original')}`;
}

/** The plain-text version of a seen line, for the message's `text` fallback. */
const seenLinePlain = (line: SeenLine): string =>
  line.kind === 'shared'
    ? `• ${line.title} — ${line.url} (shared${shortDay(line.day) ? ` on ${shortDay(line.day)}` : ''})`
    : `• ${line.title} — ${line.url}${line.news ? ` (${line.news})` : ''}`;

/**
 * A card's seen lines as units after its papers: for each kind, a bold heading (`*Already shared here*`,
 * `*Since you saw it*`) and its lines, in sections of whole lines within Slack's section limit. Each section is a
 * unit of its own, so a long digest splits between them like between papers, within the block budget.
 */
export function seenUnits(card: Card): Unit[] {
  const lines = (card.seen ?? []).map(clean);
  return (['shared', 'since'] as const).flatMap((kind) => {
    const ofKind = lines.filter((line) => line.kind === kind);
    if (ofKind.length === 0) return [];
    const units: Unit[] = [];
    let texts = [`*${HEADINGS[kind]}*`];
    let plain = [`${HEADINGS[kind]}:`];
    let length = texts[0]?.length ?? 0;
    for (const line of ofKind) {
      const text = seenLineText(line);
      if (length + 1 + text.length > SLACK_LIMITS.sectionText && texts.length > 0) {
        units.push({ blocks: [section(texts.join('\n'))], line: plain.join('\n') });
        texts = [];
        plain = [];
        length = -1;
      }
      texts.push(text);
      plain.push(seenLinePlain(line));
      length += 1 + text.length;
    }
    if (texts.length > 0) units.push({ blocks: [section(texts.join('\n'))], line: plain.join('\n') });
    return units;
  });
}
