import type { APIEmbed } from 'discord.js';
import type { SeenLine } from '../../core/cards/card.js';
import { stripControlChars } from '../../core/cards/sanitize.js';
import { oneLine } from '../../core/cards/text.js';
import { isCalendarDate } from '../../core/days.js';
import { fitEscaped } from './markdown.js';
import { COLORS, safeUrl } from './paper-embed.js';

const TITLE_MAX = 120;
const NEWS_MAX = 100;
/** Lines shown; the others are counted (`+3 more the channel already knows`). */
const LINES_SHOWN = 10;
/** The whole block, well inside a description (4096) and a message's 6000. */
const BLOCK_MAX = 2500;
/** A Discord user id: only these become mentions. */
const SNOWFLAKE = /^\d{15,21}$/;

/** `Tue 1 Dec` for a `YYYY-MM-DD` day; empty for anything else. */
export const shortDay = (day: string): string =>
  isCalendarDate(day)
    ? new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      })
    : '';

const clean = (text: string, max: number): string => fitEscaped(oneLine(stripControlChars(text)), max);

/** Longer URLs are left out: the label alone says enough, and lines stay short. */
const URL_MAX = 300;

const linked = (label: string, url: string | null | undefined): string => {
  const safe = url ? safeUrl(url) : undefined;
  return safe && safe.length <= URL_MAX ? `[${label}](${safe})` : label;
};

/**
 * One known paper as a line: `**Already shared here**: [Title](url) · shared by <@123> on Tue 1 Dec → [message](link)`
 * or `**Since you saw it**: [Title](url): 42 upvotes on Daily Papers · code → [original](link)`. Titles and news are
 * escaped; the only mention is the sharer's, and only a Discord user id becomes one (messages are sent with
 * `allowed_mentions: { parse: [] }`, and mentions in embeds never ping). Without a message link there is no arrow.
 */
export const seenLine = (line: SeenLine): string => {
  const title = linked(clean(line.title, TITLE_MAX) || `arXiv ${clean(line.paperId, 40)}`, line.url);
  const message = line.message?.link
    ? ` → ${linked(line.kind === 'shared' ? 'message' : 'original', line.message.link)}`
    : '';
  if (line.kind === 'shared') {
    const by = line.sharedBy && SNOWFLAKE.test(line.sharedBy) ? ` by <@${line.sharedBy}>` : '';
    const day = shortDay(line.day);
    return `**Already shared here**: ${title} · shared${by}${day ? ` on ${day}` : ''}${message}`;
  }
  const news = line.news ? clean(line.news, NEWS_MAX) : '';
  return `**Since you saw it**: ${title}${news ? `: ${news}` : ''}${message}`;
};

/**
 * The card's known papers as one embed after its papers (null when there are none): at most ten lines and
 * 2500 characters, the rest counted.
 */
export function seenEmbed(seen: readonly SeenLine[] | undefined): APIEmbed | null {
  if (!seen || seen.length === 0) return null;
  const lines: string[] = [];
  let length = 0;
  for (const entry of seen) {
    const text = seenLine(entry);
    // Room is kept for the "+n more" line.
    if (lines.length === LINES_SHOWN || length + text.length + 1 > BLOCK_MAX - 60) break;
    lines.push(text);
    length += text.length + 1;
  }
  const more = seen.length - lines.length;
  if (more > 0) lines.push(`+${more} more the channel already knows`);
  return { color: COLORS.info, description: lines.join('\n') };
}
