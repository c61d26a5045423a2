import type { APIEmbed } from 'discord.js';
import type { Card, PaperItem } from '../../core/cards/card.js';
import { type FeedbackRow, feedbackRows } from './feedback-controls.js';
import { DISCORD_LIMITS as L } from './limits.js';
import { linkEmbed } from './link-embed.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';
import {
  COLORS,
  capEmbed,
  cutEscaped,
  embedLength,
  listLine,
  MEASURE_COUNTS,
  noticeLine,
  paperEmbed,
} from './paper-embed.js';
import { seenEmbed } from './seen-lines.js';

export { embedLength } from './paper-embed.js';

/** One message body as `POST /channels/{id}/messages` (or an interaction response) takes it. */
export type DiscordMessage = {
  content?: string;
  embeds: APIEmbed[];
  /** Nobody is ever pinged, not even the author of a message paperboy replies to. */
  allowed_mentions: { parse: []; replied_user?: false };
  /** The papers' 👍 👎 🔖 controls; the interaction handler adds the row of Next and Share. */
  components?: FeedbackRow[];
};

/**
 * `full`: one embed per paper (search results, digests without threads); `compact`: a numbered list (digests
 * with threads); `details`: one embed per paper with its abstract (a digest's thread); `link`: one small embed per
 * paper and no header (the cards of a message's paper links).
 */
export type Layout = 'full' | 'compact' | 'details' | 'link';

/**
 * One message of a card: which papers it shows and how. Drawing a part again (with new counts) gives the same
 * message, so a posted part can be redrawn in place from what was recorded of it.
 */
export interface CardPart {
  layout: Layout;
  /** The card with only this message's papers (header, subheader, notices and footer as in the whole card). */
  card: Card;
  /** The number of its first paper in the whole card (lists are numbered, and so are the controls). */
  start: number;
  /** The message opens the card: it shows the header, subheader and notices. */
  head: boolean;
  /**
   * The message shows the card's footer and its known papers (`seen`): the last of a list, the opening one
   * otherwise.
   */
  foot: boolean;
}

/** Discord counts every text part of every embed of a message; keep a small margin. */
const MESSAGE_BUDGET = L.embedsTotal - 50;
/** The subheader and notices of one card, at most; longer is cut (no card of ours comes near). */
const INTRO_MAX = 4500;
const FOOTER_MAX = 1000;

/** A line of a description, and how long it can grow (with the largest counts). */
interface Entry {
  text: string;
  measure: number;
}
/** What a paper adds to a message: list lines add an entry, the other layouts an embed. */
type ItemDraw = { entry: Entry } | { embed: APIEmbed; measure: number };
/** A message's embeds, and the length they may reach when drawn again with any counts. */
interface Drawn {
  embeds: APIEmbed[];
  measure: number;
  /** Embeds the part may still get when it turns out to be the last (a list's known papers). */
  reserved: number;
}

const withCounts = (item: PaperItem): PaperItem => ({ ...item, counts: MEASURE_COUNTS });

const drawItem = (layout: Layout, item: PaperItem, number: number): ItemDraw => {
  if (layout === 'link') return { embed: linkEmbed(item), measure: embedLength(linkEmbed(withCounts(item))) };
  if (layout === 'compact') {
    return { entry: { text: listLine(item, number), measure: listLine(withCounts(item), number).length } };
  }
  const detail = layout === 'details';
  return {
    embed: paperEmbed(item, { detail }),
    measure: embedLength(paperEmbed(withCounts(item), { detail })),
  };
};

/** The subheader and notices as description lines, cut to `INTRO_MAX` in all. */
const introEntries = (card: Card): Entry[] => {
  const lines = [
    card.subheader ? `*${escapeMarkdown(card.subheader)}*` : null,
    ...card.notices.map(noticeLine),
  ].filter((line): line is string => line !== null && line !== '');
  const entries: Entry[] = [];
  let room = INTRO_MAX;
  for (const line of lines) {
    const text = cutEscaped(line, Math.min(L.description, room));
    if (text === '' || text === '…') break;
    entries.push({ text, measure: text.length });
    room -= text.length + 1;
    if (room <= 1) break;
  }
  return entries;
};

/** Joins entries into descriptions of at most `max` (by measure), never splitting an entry. */
const chunk = (entries: Entry[], max: number): Entry[] => {
  const chunks: Entry[] = [];
  let current: Entry | null = null;
  for (const entry of entries) {
    if (current && current.measure + 1 + entry.measure <= max) {
      current = { text: `${current.text}\n${entry.text}`, measure: current.measure + 1 + entry.measure };
    } else {
      if (current) chunks.push(current);
      current = entry;
    }
  }
  if (current) chunks.push(current);
  return chunks;
};

/** A part's embeds: the header and list lines in descriptions, then the papers' embeds. */
const assemble = (part: CardPart, draws: ItemDraw[]): Drawn => {
  const { card } = part;
  const lines = draws.flatMap((draw) => ('entry' in draw ? [draw.entry] : []));
  const papers = draws.flatMap((draw) => ('embed' in draw ? [draw] : []));
  const entries = [...(part.head ? introEntries(card) : []), ...lines];
  const chunks = chunk(entries, L.description);
  const tone = card.notices.find((notice) => notice.tone !== 'info')?.tone ?? 'info';
  const texts = chunks.length > 0 || !part.head ? chunks : [{ text: '', measure: 0 }];
  const embeds: APIEmbed[] = texts.map((entry) => ({
    color: COLORS[tone],
    ...(entry.text !== '' ? { description: entry.text } : {}),
  }));
  let measure = texts.reduce((sum, entry) => sum + entry.measure, 0);
  const first = embeds[0];
  if (part.head && first) {
    first.title = fitEscaped(card.header, L.title) || 'paperboy';
    measure += first.title.length;
  }
  const footer = card.footer ? fitEscaped(card.footer, FOOTER_MAX) : '';
  // A list's footer and known papers close its last part, which is not known while splitting: every part keeps
  // room for them.
  const reserving = part.layout === 'compact';
  if (footer !== '' && (part.foot || reserving)) measure += footer.length;
  const seen = part.layout === 'compact' || part.layout === 'full' ? seenEmbed(card.seen) : null;
  if (seen && (part.foot || reserving)) measure += embedLength(seen);
  const reserved = seen && reserving && !part.foot ? 1 : 0;
  // A list's known papers follow its lines (and carry its footer); with one embed per paper, they follow those.
  if (seen && part.foot && part.layout === 'compact') embeds.push(seen);
  const last = embeds.at(-1);
  if (part.foot && last && footer !== '') last.footer = { text: footer };
  for (const paper of papers) {
    embeds.push(paper.embed);
    measure += paper.measure;
  }
  if (seen && part.foot && part.layout === 'full') embeds.push(seen);
  return { embeds: embeds.map(capEmbed), measure, reserved };
};

const fits = (drawn: Drawn): boolean =>
  drawn.embeds.length + drawn.reserved <= L.embedsPerMessage && drawn.measure <= MESSAGE_BUDGET;

/**
 * Splits a card into the messages Discord's limits need: at most 10 embeds and 6000 characters each, measured
 * with the largest counts (so a redraw never breaks a limit), and, for a card with feedback, at most as many
 * papers as one message's controls can carry (25 in a list, 5 in a thread, where every paper gets buttons).
 * The first message opens with the header (thread messages have none). Never fails on length.
 */
export function cardParts(card: Card, layout: Layout): CardPart[] {
  const draws = card.items.map((item, index) => drawItem(layout, item, index + 1));
  const cap = card.feedback
    ? layout === 'details'
      ? L.actionRows
      : L.selectOptions
    : Number.POSITIVE_INFINITY;
  const parts: CardPart[] = [];
  const partOf = (from: number, to: number, head: boolean): CardPart => ({
    layout,
    card: { ...card, items: card.items.slice(from, to) },
    start: from + 1,
    head,
    foot: head && layout === 'full',
  });
  let from = 0;
  let head = layout !== 'details' && layout !== 'link';
  while (from < draws.length || head) {
    let to = from;
    while (
      to < draws.length &&
      to - from < cap &&
      (to === from && !head ? true : fits(assemble(partOf(from, to + 1, head), draws.slice(from, to + 1))))
    ) {
      to += 1;
    }
    parts.push(partOf(from, to, head));
    head = false;
    from = to;
  }
  const last = parts.at(-1);
  if (layout === 'compact' && last) last.foot = true;
  return parts;
}

/**
 * A part as a message: its embeds and, for a card with feedback, its papers' controls in the rows left free
 * (`reservedRows` are taken by the caller's own row, Next and Share).
 */
export function renderPart(part: CardPart, options: { reservedRows?: number } = {}): DiscordMessage {
  const draws = part.card.items.map((item, index) => drawItem(part.layout, item, part.start + index));
  const { embeds } = assemble(part, draws);
  const rows = part.card.feedback
    ? feedbackRows(part.card.items, { start: part.start, rows: L.actionRows - (options.reservedRows ?? 0) })
    : [];
  return { embeds, allowed_mentions: { parse: [] }, ...(rows.length > 0 ? { components: rows } : {}) };
}

/**
 * A card as Discord messages: a header embed, then one embed per paper (`full`), a numbered list (`compact`) or
 * each paper's details (`details`), split into as many messages as Discord's limits need. Never fails on length.
 *
 * @example
 * renderCard(digestCard, 'compact'); // [{ embeds: [{ title: 'Your paper digest', description: '1. [...](...)' }], ... }]
 */
export const renderCard = (card: Card, layout: Layout): DiscordMessage[] =>
  cardParts(card, layout).map((part) => renderPart(part));

/** The details of each paper, for a digest's thread: one embed per paper with its abstract. */
export const renderDetails = (card: Card): DiscordMessage[] => renderCard(card, 'details');

/**
 * The messages of an interaction's answer: one embed per paper when they fit in one message, else the compact
 * list (which holds 25 papers in one message; only a longer digest needs more).
 */
export function replyParts(card: Card): CardPart[] {
  const full = cardParts(card, 'full');
  return full.length === 1 ? full : cardParts(card, 'compact');
}

/** A card as one message, for interaction responses: the first of `replyParts`. */
export const renderReply = (card: Card, options: { reservedRows?: number } = {}): DiscordMessage => {
  const [first] = replyParts(card);
  return first ? renderPart(first, options) : { embeds: [], allowed_mentions: { parse: [] } };
};
