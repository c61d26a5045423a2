import type { types } from '@slack/bolt';
import type { Card, CardAction, Notice, PaperItem } from '../../core/cards/card.js';
import { sanitizeCard } from '../../core/cards/sanitize.js';
import { truncateAtWord } from '../../core/cards/text.js';
import { escapedChunks, escapeWithin, mrkdwnLink } from './mrkdwn.js';

type Block = types.KnownBlock;

/**
 * Block Kit limits (`../shared/docs/PLATFORMS.md`) with a safety margin: Slack has rejected messages far under
 * the documented limits as `msg_blocks_too_long` at about 13k characters, so a message's blocks stay under 10k.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 45,
  sectionText: 2800,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextText: 2000,
  messageBlocksJson: 10_000,
  fallbackText: 3000,
} as const;

/** The `action_id` of each card button; the adapter's action listener matches these. */
export const ACTION_IDS: Record<CardAction['kind'], string> = {
  nextPage: 'papers_next',
  share: 'papers_share',
};

/** One Slack message: blocks and the plain `text` shown in notifications and by clients without blocks. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** A message of a digest; `threadOf` is the index of the earlier post it replies to in a thread, or null. */
export interface SlackPost {
  message: SlackMessage;
  threadOf: number | null;
}

/** A piece of a message that is never split: a paper, a notice, the actions. */
interface Unit {
  blocks: Block[];
  /** Plain-text line for the message's `text` fallback. */
  line?: string;
  /** The card item this unit shows, to know which message it landed in. */
  item?: number;
}

const TONE_ICONS: Record<Notice['tone'], string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/**
 * A card as Slack messages, all top-level (a command's answer): one message when it fits, else several, with
 * the header on the first and the buttons on the last. A card with a single paper shows it in full (abstract
 * and links).
 */
export function renderCard(card: Card): SlackMessage[] {
  const clean = sanitizeCard(card);
  const full = clean.items.length === 1;
  const items = clean.items.flatMap((item, index) =>
    full ? fullItemUnits(item) : [listItemUnit(item, index)],
  );
  const messages = pack(clean, [...items, ...tailUnits(clean)]).map((packed) => packed.message);
  return messages.length === 1 && messages[0]
    ? [{ ...messages[0], text: fallbackText(clean.fallback) }]
    : messages;
}

/**
 * A digest as the posts that make it. With `threads`, the top-level messages list the papers and each paper's
 * abstract and links go as a reply in the thread of the message that lists it; without, it is `renderCard`.
 */
export function renderPosts(card: Card, options: { threads: boolean }): SlackPost[] {
  const clean = sanitizeCard(card);
  if (!options.threads || clean.items.length === 0) {
    return renderCard(card).map((message) => ({ message, threadOf: null }));
  }
  const parents = pack(clean, [...clean.items.map(listItemUnit), ...tailUnits(clean)]);
  const posts: SlackPost[] = parents.map((parent) => ({ message: parent.message, threadOf: null }));
  clean.items.forEach((item, index) => {
    const parent = Math.max(
      0,
      parents.findIndex((candidate) => candidate.items.includes(index)),
    );
    const replyCard = {
      ...clean,
      header: '',
      subheader: undefined,
      notices: [],
      footer: undefined,
      actions: [],
    };
    for (const packed of pack(replyCard, fullItemUnits(item), `${item.title} — ${item.url}`)) {
      posts.push({ message: packed.message, threadOf: parent });
    }
  });
  return posts;
}

function headUnits(card: Card): Unit[] {
  if (card.header === '') return [];
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncateAtWord(card.header, SLACK_LIMITS.headerText), emoji: true },
    },
  ];
  if (card.subheader) blocks.push(context(escapeWithin(card.subheader, SLACK_LIMITS.contextText)));
  return [{ blocks }];
}

function metaLine(item: PaperItem): string {
  const parts: string[] = [];
  if (item.upvotes !== null) parts.push(`▲ ${item.upvotes}`);
  if (item.comments !== null) parts.push(`:speech_balloon: ${item.comments}`);
  if (item.date) parts.push(escapeWithin(item.date, 40));
  if (item.code) {
    const stars = item.code.stars === null ? '' : ` ★ ${item.code.stars}`;
    parts.push(`${mrkdwnLink(item.code.url, 'Code')}${stars}`);
  }
  return parts.join(' · ');
}

function titleLine(item: PaperItem, number: number | null): string {
  const prefix = number === null ? '' : `${number}. `;
  return `${prefix}*${mrkdwnLink(item.url, escapeWithin(item.title, 400))}*`;
}

function contextUnit(item: PaperItem): Block | null {
  const parts: string[] = [];
  if (item.authors) parts.push(escapeWithin(item.authors, 500));
  if (item.matchedTerm) parts.push(`Matched: ${escapeWithin(item.matchedTerm, 200)}`);
  return parts.length > 0 ? context(parts.join(' · ')) : null;
}

/** A paper in a list: title link, meta line and one-line summary, then authors and the matched term. */
function listItemUnit(item: PaperItem, index: number): Unit {
  const lines = [titleLine(item, index + 1), metaLine(item), escapeWithin(item.summary, 600)];
  const blocks: Block[] = [section(lines.filter((line) => line !== '').join('\n'))];
  const extra = contextUnit(item);
  if (extra) blocks.push(extra);
  return { blocks, line: `${index + 1}. ${item.title} — ${item.url}`, item: index };
}

/** A paper in full: title and meta, summary unless the abstract starts with it, the abstract, the links. */
function fullItemUnits(item: PaperItem): Unit[] {
  const head = [titleLine(item, null), metaLine(item)].filter((line) => line !== '').join('\n');
  const blocks: Block[] = [section(head)];
  const extra = contextUnit(item);
  if (extra) blocks.push(extra);
  const units: Unit[] = [{ blocks, line: `${item.title} — ${item.url}`, item: 0 }];
  const repeats = item.abstract.startsWith(item.summary.replace(/…$/, ''));
  if (item.summary !== '' && !repeats)
    units.push({ blocks: [section(`_${escapeWithin(item.summary, 600)}_`)] });
  for (const chunk of escapedChunks(truncateAtWord(item.abstract, 6000), SLACK_LIMITS.sectionText)) {
    units.push({ blocks: [section(chunk)] });
  }
  const links = item.links.slice(0, 8).map((link) => mrkdwnLink(link.url, escapeWithin(link.label, 40)));
  if (links.length > 0) units.push({ blocks: [context(links.join(' · '))] });
  return units;
}

function noticeUnits(notice: Notice): Unit[] {
  const example = notice.example ? `\nExample: \`${escapeWithin(notice.example, 500)}\`` : '';
  const parts = escapedChunks(notice.text, SLACK_LIMITS.sectionText - 600);
  return parts.map((part, index) => ({
    blocks: [
      section(
        `${index === 0 ? `${TONE_ICONS[notice.tone]} ` : ''}${part}${index === parts.length - 1 ? example : ''}`,
      ),
    ],
  }));
}

function actionsUnit(actions: CardAction[]): Unit[] {
  const seen = new Map<CardAction['kind'], number>();
  const actionId = (kind: CardAction['kind']) => {
    const count = seen.get(kind) ?? 0;
    seen.set(kind, count + 1);
    return count === 0 ? ACTION_IDS[kind] : `${ACTION_IDS[kind]}_${count}`;
  };
  const buttons = actions
    .filter((action) => action.value !== '' && action.value.length <= SLACK_LIMITS.buttonValue)
    .map(
      (action): types.Button => ({
        type: 'button',
        action_id: actionId(action.kind),
        text: {
          type: 'plain_text',
          text: truncateAtWord(
            action.kind === 'share' ? 'Share in channel' : action.label.trim() || 'Next',
            SLACK_LIMITS.buttonText,
          ),
        },
        value: action.value,
        ...(action.kind === 'share' ? { style: 'primary' as const } : {}),
      }),
    )
    .slice(0, 5);
  return buttons.length > 0 ? [{ blocks: [{ type: 'actions', elements: buttons }] }] : [];
}

function tailUnits(card: Card): Unit[] {
  const units = card.notices.flatMap(noticeUnits);
  if (card.footer) units.push({ blocks: [context(escapeWithin(card.footer, SLACK_LIMITS.contextText))] });
  return [...units, ...actionsUnit(card.actions)];
}

const fallbackText = (text: string): string =>
  escapeWithin(text, SLACK_LIMITS.fallbackText).trim() || 'paperboy';

/** Fills messages with whole units, within the block count and size budget; the header goes first. */
function pack(card: Card, body: Unit[], firstLine?: string) {
  const units = [...headUnits(card), ...body];
  if (units.length === 0) units.push({ blocks: [section('paperboy')] });
  const messages: { units: Unit[]; size: number }[] = [];
  let current: { units: Unit[]; size: number } = { units: [], size: 0 };
  for (const unit of units) {
    const size = JSON.stringify(unit.blocks).length;
    const count = current.units.reduce((sum, each) => sum + each.blocks.length, 0);
    const full =
      count + unit.blocks.length > SLACK_LIMITS.blocksPerMessage ||
      current.size + size > SLACK_LIMITS.messageBlocksJson;
    if (full && current.units.length > 0) {
      messages.push(current);
      current = { units: [], size: 0 };
    }
    current.units.push(unit);
    current.size += size;
  }
  if (current.units.length > 0) messages.push(current);
  return messages.map((message, index) => {
    const title = firstLine ?? card.header;
    const heading = index === 0 ? title : `${title} (continued)`;
    const unitLines = firstLine === undefined ? message.units.map((unit) => unit.line) : [];
    const lines = [heading, ...unitLines.filter((line) => line !== undefined)];
    return {
      message: {
        text: fallbackText(lines.filter((line) => line !== '').join('\n')),
        blocks: message.units.flatMap((unit) => unit.blocks),
      },
      items: message.units.map((unit) => unit.item).filter((item): item is number => item !== undefined),
    };
  });
}
