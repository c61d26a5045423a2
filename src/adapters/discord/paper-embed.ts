import type { APIEmbed, APIEmbedField } from 'discord.js';
import { type FeedbackCounts, type Notice, type PaperItem, summaryLabel } from '../../core/cards/card.js';
import { oneLine } from '../../core/cards/text.js';
import { countsText } from '../../core/feedback/feedback.js';
import { DISCORD_LIMITS as L } from './limits.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';

export const COLORS: Record<Notice['tone'] | 'paper', number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
  paper: 0xff9d00,
};
/** A compact list line (counts included); with 25 papers the lines still fit in two descriptions. */
export const LIST_LINE_MAX = 200;
const SUMMARY_MAX = 600;
const ABSTRACT_MAX = 3000;
/** One embed on its own, leaving room in a message. */
const EMBED_MAX = 5800;
const STATS_MAX = 256;
const BECAUSE_MAX = 160;
/** Mentions shown of who saved a paper; the others are counted (`+3 more`). */
const SAVERS_SHOWN = 5;
/** A Discord user id: only these become mentions. */
const SNOWFLAKE = /^\d{15,21}$/;
/**
 * The largest counts a message is measured with when it is split into messages, so that drawing it again with
 * the channel's real counts can never break a limit: each part's text only grows with the counts it shows.
 */
export const MEASURE_COUNTS: FeedbackCounts = { relevant: 99_999, saved: 99_999 };
/** Room kept for ` · 🔖 n · 👍 n` in lines and stats, so counts are never cut off. */
const COUNTS_ROOM = ` · ${countsText(MEASURE_COUNTS)}`.length;

/** The characters Discord counts for an embed: title, description, field names and values, footer, author. */
export const embedLength = (embed: APIEmbed): number =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.author?.name.length ?? 0) +
  (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);

/** Shortens an escaped text by cutting, never leaving a dangling escape backslash. */
export const cutEscaped = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).replace(/(^|[^\\])\\$/, '$1')}…`;

/** A safety net: shortens the description so that the embed counts at most `EMBED_MAX` characters. */
export const capEmbed = (embed: APIEmbed): APIEmbed => {
  const over = embedLength(embed) - EMBED_MAX;
  if (over <= 0) return embed;
  const description = cutEscaped(embed.description ?? '', (embed.description?.length ?? 0) - over);
  const { description: _old, ...rest } = embed;
  return description === '' || description === '…' ? rest : { ...rest, description };
};

/** Only plain http(s) URLs, with the characters that would end a markdown link encoded. */
export const safeUrl = (url: string): string | undefined =>
  /^https?:\/\/\S+$/i.test(url) && url.length <= 1024
    ? url.replace(/[()<>[\]\s]/g, (c) => encodeURIComponent(c))
    : undefined;

const link = (label: string, url: string): string => {
  const safe = safeUrl(url);
  return safe ? `[${escapeMarkdown(label)}](${safe})` : escapeMarkdown(label);
};

export const noticeLine = (notice: Notice): string => {
  const example = notice.example
    ? `\nExample: ${notice.example.includes('`') ? escapeMarkdown(notice.example) : `\`${notice.example}\``}`
    : '';
  return `${escapeMarkdown(notice.text)}${example}`;
};

const statsLine = (item: PaperItem): string =>
  [
    item.upvotes !== null ? `▲ ${item.upvotes}` : null,
    item.comments ? `💬 ${item.comments}` : null,
    item.date,
    item.matchedTerm ? `matched ${escapeMarkdown(item.matchedTerm)}` : null,
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ');

/** `<@1>, <@2> +3 more`: mentions of who saved it (snowflakes only; anything else is not a person). */
export const savedByText = (item: PaperItem): string => {
  const savers = (item.savedBy ?? []).filter((id) => SNOWFLAKE.test(id));
  if (savers.length === 0) return '';
  const shown = savers.slice(0, SAVERS_SHOWN).map((id) => `<@${id}>`);
  const more = savers.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` +${more} more` : ''}`;
};

/** Why a learned ranking chose the paper, as one escaped line (it quotes titles). */
export const becauseText = (item: PaperItem): string =>
  item.because ? fitEscaped(oneLine(item.because), BECAUSE_MAX) : '';

/** The summary's kind in small text under it (`-# AI summary`); nothing under an abstract. */
const labelLine = (item: PaperItem, options: { detail?: boolean }): string => {
  const label = summaryLabel(item);
  return label === null || (options.detail && item.abstract !== '') ? '' : `\n-# ${label}`;
};

/**
 * One paper as an embed: the title links to the paper, the summary (or, with `detail`, the abstract) is the
 * description, why it was chosen, authors, stats with the channel's counts, links and who saved it are fields.
 * Always within every embed limit, 6000 characters in all.
 */
export const paperEmbed = (item: PaperItem, options: { detail?: boolean } = {}): APIEmbed => {
  const text = options.detail && item.abstract !== '' ? item.abstract : item.summary;
  const fields: APIEmbedField[] = [];
  const because = becauseText(item);
  if (because !== '') fields.push({ name: 'Why', value: because });
  if (item.authors !== '') fields.push({ name: 'Authors', value: fitEscaped(item.authors, L.fieldValue) });
  // statsLine is escaped already: only cut.
  const stats = [cutEscaped(statsLine(item), STATS_MAX - COUNTS_ROOM), countsText(item.counts)]
    .filter((part) => part !== '')
    .join(' · ');
  if (stats !== '') fields.push({ name: 'Stats', value: stats, inline: true });
  const links = item.links.map((entry) => link(entry.label, entry.url)).join(' · ');
  if (links !== '' && links.length <= L.fieldValue)
    fields.push({ name: 'Links', value: links, inline: true });
  const savers = savedByText(item);
  if (savers !== '') fields.push({ name: 'Saved by', value: savers });
  const embed: APIEmbed = {
    title: fitEscaped(item.title, L.title),
    description: fitEscaped(text, options.detail ? ABSTRACT_MAX : SUMMARY_MAX) + labelLine(item, options),
    color: COLORS.paper,
    fields: fields.filter((field) => field.value !== ''),
    footer: { text: fitEscaped(`arXiv ${item.id}`, 100) },
  };
  const url = safeUrl(item.url);
  if (url) embed.url = url;
  if (embed.description === '') delete embed.description;
  return capEmbed(embed);
};

/**
 * `1. [Title](url) · ▲ 12 · matched lora · 🔖 3 · 👍 5` within `LIST_LINE_MAX` (room is kept for the counts,
 * so they are never cut), then, on their own lines, why it was chosen and who saved it.
 */
export const listLine = (item: PaperItem, number: number): string => {
  const stats = statsLine(item);
  const suffix = stats === '' ? '' : ` · ${stats}`;
  const url = safeUrl(item.url) ?? '';
  const room =
    LIST_LINE_MAX - `${number}. []()`.length - url.length - Math.min(suffix.length, 80) - COUNTS_ROOM;
  const title = fitEscaped(item.title, Math.max(20, room));
  const line = url ? `${number}. [${title}](${url})` : `${number}. ${title}`;
  const counts = countsText(item.counts);
  const main = `${line}${suffix.slice(0, Math.max(0, LIST_LINE_MAX - COUNTS_ROOM - line.length))}${counts === '' ? '' : ` · ${counts}`}`;
  const because = becauseText(item);
  const savers = savedByText(item);
  return [main, because === '' ? '' : `↳ ${because}`, savers === '' ? '' : `↳ saved by ${savers}`]
    .filter((part) => part !== '')
    .join('\n');
};
