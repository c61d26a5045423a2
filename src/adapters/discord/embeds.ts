import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Card, Notice, PaperItem } from '../../core/cards/card.js';
import { DISCORD_LIMITS as L } from './limits.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';

/** One message body as `POST /channels/{id}/messages` (or an interaction response) takes it. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: [] };
}

/** `full`: one embed per paper (search results, details); `compact`: a numbered list (digests). */
export type Layout = 'full' | 'compact';

const COLORS: Record<Notice['tone'] | 'paper', number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
  paper: 0xff9d00,
};
/** A compact list line; with 25 papers the lines still fit in two descriptions. */
const LIST_LINE_MAX = 200;
const SUMMARY_MAX = 600;
const ABSTRACT_MAX = 3000;
/** Discord counts every text part of every embed of a message; keep a small margin. */
const MESSAGE_BUDGET = L.embedsTotal - 50;
/** One embed on its own, leaving room in a message. */
const EMBED_MAX = 5800;
const STATS_MAX = 256;
const FOOTER_MAX = 1000;

/** The characters Discord counts for an embed: title, description, field names and values, footer, author. */
export const embedLength = (embed: APIEmbed): number =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.author?.name.length ?? 0) +
  (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);

/** Shortens an escaped text by cutting, never leaving a dangling escape backslash. */
const cutEscaped = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).replace(/(^|[^\\])\\$/, '$1')}…`;

/** A safety net: shortens the description so that the embed counts at most `EMBED_MAX` characters. */
const capEmbed = (embed: APIEmbed): APIEmbed => {
  const over = embedLength(embed) - EMBED_MAX;
  if (over <= 0) return embed;
  const description = cutEscaped(embed.description ?? '', (embed.description?.length ?? 0) - over);
  const { description: _old, ...rest } = embed;
  return description === '' || description === '…' ? rest : { ...rest, description };
};

/** Only plain http(s) URLs, with the characters that would end a markdown link encoded. */
const safeUrl = (url: string): string | undefined =>
  /^https?:\/\/\S+$/i.test(url) && url.length <= 1024
    ? url.replace(/[()<>[\]\s]/g, (c) => encodeURIComponent(c))
    : undefined;

const link = (label: string, url: string): string => {
  const safe = safeUrl(url);
  return safe ? `[${escapeMarkdown(label)}](${safe})` : escapeMarkdown(label);
};

const noticeLine = (notice: Notice): string => {
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

/**
 * One paper as an embed: the title links to the paper, the summary (or, with `detail`, the abstract) is the
 * description, authors, stats and links are fields. Always within every embed limit, 6000 characters in all.
 */
export const paperEmbed = (item: PaperItem, options: { detail?: boolean } = {}): APIEmbed => {
  const text = options.detail && item.abstract !== '' ? item.abstract : item.summary;
  const fields: APIEmbedField[] = [];
  if (item.authors !== '') fields.push({ name: 'Authors', value: fitEscaped(item.authors, L.fieldValue) });
  const stats = statsLine(item);
  if (stats !== '') fields.push({ name: 'Stats', value: fitEscaped(stats, STATS_MAX), inline: true });
  const links = item.links.map((entry) => link(entry.label, entry.url)).join(' · ');
  if (links !== '' && links.length <= L.fieldValue)
    fields.push({ name: 'Links', value: links, inline: true });
  const embed: APIEmbed = {
    title: fitEscaped(item.title, L.title),
    description: fitEscaped(text, options.detail ? ABSTRACT_MAX : SUMMARY_MAX),
    color: COLORS.paper,
    fields: fields.filter((field) => field.value !== ''),
    footer: { text: fitEscaped(`arXiv ${item.id}`, 100) },
  };
  const url = safeUrl(item.url);
  if (url) embed.url = url;
  if (embed.description === '') delete embed.description;
  return capEmbed(embed);
};

/** The card's header, subheader, notices and footer; with `lines`, the list continues in further embeds. */
const headerEmbeds = (card: Card, lines: string[] = []): APIEmbed[] => {
  const tone = card.notices.find((notice) => notice.tone !== 'info')?.tone ?? 'info';
  const intro = [
    card.subheader ? `*${escapeMarkdown(card.subheader)}*` : null,
    ...card.notices.map(noticeLine),
  ].filter((line): line is string => line !== null && line !== '');
  const chunks = chunkLines([...intro.map((line) => fitEscapedLine(line)), ...lines], L.description);
  const embeds: APIEmbed[] = (chunks.length > 0 ? chunks : ['']).map((description) => ({
    color: COLORS[tone],
    ...(description !== '' ? { description } : {}),
  }));
  const first = embeds[0];
  if (first) first.title = fitEscaped(card.header, L.title) || 'paperboy';
  const last = embeds.at(-1);
  if (last && card.footer) last.footer = { text: fitEscaped(card.footer, FOOTER_MAX) };
  return embeds.map(capEmbed);
};

/** A line of ours that is already escaped: only shortened (a notice is at most a description). */
const fitEscapedLine = (line: string): string => cutEscaped(line, L.description);

/** Joins lines into chunks of at most `max` characters, never splitting a line (lines are shorter than max). */
const chunkLines = (lines: string[], max: number): string[] => {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= max) current = next;
    else {
      if (current !== '') chunks.push(current);
      current = line;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
};

/** `1. [Title](url) · ▲ 12 · matched lora`, within `LIST_LINE_MAX`. */
const listLine = (item: PaperItem, index: number): string => {
  const stats = statsLine(item);
  const suffix = stats === '' ? '' : ` · ${stats}`;
  const url = safeUrl(item.url) ?? '';
  const room = LIST_LINE_MAX - `${index + 1}. []()`.length - url.length - Math.min(suffix.length, 80);
  const title = fitEscaped(item.title, Math.max(20, room));
  const line = url ? `${index + 1}. [${title}](${url})` : `${index + 1}. ${title}`;
  return `${line}${suffix.slice(0, Math.max(0, LIST_LINE_MAX - line.length))}`;
};

/** Puts embeds into messages of at most 10 embeds and 6000 characters each. */
export const packMessages = (embeds: APIEmbed[]): DiscordMessage[] => {
  const messages: DiscordMessage[] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (current.length > 0 && (current.length === L.embedsPerMessage || size + length > MESSAGE_BUDGET)) {
      messages.push(message(current));
      current = [];
      size = 0;
    }
    current.push(embed);
    size += length;
  }
  if (current.length > 0) messages.push(message(current));
  return messages;
};

const message = (embeds: APIEmbed[]): DiscordMessage => ({ embeds, allowed_mentions: { parse: [] } });

/**
 * A card as Discord messages: a header embed, then one embed per paper (`full`) or a numbered list
 * (`compact`), split into as many messages as Discord's limits need. Never fails on length.
 *
 * @example
 * renderCard(digestCard, 'compact'); // [{ embeds: [{ title: 'Your paper digest', description: '1. [...](...)' }], ... }]
 */
export const renderCard = (card: Card, layout: Layout): DiscordMessage[] => {
  if (layout === 'compact') return packMessages(headerEmbeds(card, card.items.map(listLine)));
  return packMessages([...headerEmbeds(card), ...card.items.map((item) => paperEmbed(item))]);
};

/**
 * A card as one message, for interaction responses (which are one message): one embed per paper when they
 * fit, else the compact list (which always fits: at most 25 lines of `LIST_LINE_MAX`).
 */
export const renderReply = (card: Card): DiscordMessage => {
  const full = renderCard(card, 'full');
  if (full.length === 1 && full[0]) return full[0];
  const compact = renderCard(card, 'compact');
  const [first] = compact;
  if (!first) return message([]);
  return first;
};

/** The details of each paper, for a digest's thread: one embed per paper with its abstract. */
export const renderDetails = (card: Card): DiscordMessage[] =>
  packMessages(card.items.map((item) => paperEmbed(item, { detail: true })));
