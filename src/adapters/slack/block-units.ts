import type { types } from '@slack/bolt';
import type { Card, CardAction, Notice } from '../../core/cards/card.js';
import { stripControlChars } from '../../core/cards/sanitize.js';
import { truncateAtWord } from '../../core/cards/text.js';
import { escapedChunks, escapeWithin } from './mrkdwn.js';
import { SLACK_LIMITS } from './slack-limits.js';

export type Block = types.KnownBlock;

/** One Slack message: blocks and the plain `text` shown in notifications and by clients without blocks. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** A piece of a message that is never split: a paper, a notice's part, the actions. */
export interface Unit {
  blocks: Block[];
  /**
   * The blocks as they may grow later (a paper's counts at their widest), which packing measures instead, so a
   * message redrawn with new counts still fits, and packs the same way whatever the counts.
   */
  measure?: Block[];
  /** Plain-text line for the message's `text` fallback. */
  line?: string;
  /** The index of the card item this unit shows, to know which message it landed in. */
  item?: number;
}

/** The `action_id` of each card button; the adapter's action listener matches these. */
export const ACTION_IDS: Record<CardAction['kind'], string> = {
  nextPage: 'papers_next',
  share: 'papers_share',
  editSettings: 'papers_edit_settings',
};

const TONE_ICONS: Record<Notice['tone'], string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};

export const section = (text: string, accessory?: types.Overflow): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  ...(accessory ? { accessory } : {}),
});
export const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

export function headUnits(card: Card): Unit[] {
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

/** What follows the papers: the notices, the footer and the buttons. */
export function tailUnits(card: Card): Unit[] {
  const units = card.notices.flatMap(noticeUnits);
  if (card.footer) units.push({ blocks: [context(escapeWithin(card.footer, SLACK_LIMITS.contextText))] });
  return [...units, ...actionsUnit(card.actions)];
}

export const fallbackText = (text: string): string =>
  escapeWithin(text, SLACK_LIMITS.fallbackText).trim() || 'paperboy';

const measured = (unit: Unit): Block[] => unit.measure ?? unit.blocks;

/** True when these units fit in one message: within the block count and the size budget. */
export function fitsOneMessage(units: readonly Unit[]): boolean {
  let count = 0;
  let size = 0;
  for (const unit of units) {
    count += measured(unit).length;
    size += JSON.stringify(measured(unit)).length;
  }
  return count <= SLACK_LIMITS.blocksPerMessage && size <= SLACK_LIMITS.messageBlocksJson;
}

/** Whole units in messages, in order, each message filled as far as the block count and size budget allow. */
export function groupUnits(units: readonly Unit[]): Unit[][] {
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  let count = 0;
  let size = 0;
  for (const unit of units) {
    const blocks = measured(unit);
    const unitSize = JSON.stringify(blocks).length;
    const full =
      count + blocks.length > SLACK_LIMITS.blocksPerMessage ||
      size + unitSize > SLACK_LIMITS.messageBlocksJson;
    if (full && current.length > 0) {
      groups.push(current);
      current = [];
      count = 0;
      size = 0;
    }
    current.push(unit);
    count += blocks.length;
    size += unitSize;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A message made of units, with its fallback text before escaping (`raw`) and the items it shows. */
export interface Packed {
  message: SlackMessage;
  raw: string;
  items: number[];
}

/**
 * Grouped units as messages. Each message's `text` is `title` (then `title (continued)`), followed by the lines
 * of its units unless `linesOf` is false.
 */
export function toMessages(groups: readonly Unit[][], title: string, linesOf = true): Packed[] {
  const filled = groups.length > 0 ? groups : [[{ blocks: [section('paperboy')] }]];
  return filled.map((units, index) => {
    const heading = index === 0 ? title : `${title} (continued)`;
    const lines = linesOf ? units.map((unit) => unit.line) : [];
    // Cleaned as a card's fallback is, so the text drawn again from a stored part is this very text.
    const raw = stripControlChars(
      [heading, ...lines].filter((line): line is string => line !== undefined && line !== '').join('\n'),
      { multiline: true },
    );
    return {
      message: { text: fallbackText(raw), blocks: units.flatMap((unit) => unit.blocks) },
      raw,
      items: units.map((unit) => unit.item).filter((item): item is number => item !== undefined),
    };
  });
}

/** Fills messages with whole units, within the block count and size budget; the header goes first. */
export function pack(card: Card, body: Unit[], firstLine?: string): Packed[] {
  const groups = groupUnits([...headUnits(card), ...body]);
  return toMessages(groups, firstLine ?? card.header, firstLine === undefined);
}
