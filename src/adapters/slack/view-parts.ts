import type { types } from '@slack/bolt';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { Card, Notice } from '../../core/cards/card.js';
import { stripControlChars } from '../../core/cards/sanitize.js';
import { truncateAtWord } from '../../core/cards/text.js';
import type { Block } from './block-units.js';
import { context } from './block-units.js';
import { renderCard } from './blocks.js';
import { VIEW_CALLBACKS } from './view-ids.js';

/** Slack's limits on views (modals and the App Home). */
export const VIEW_LIMITS = {
  blocks: 100,
  title: 24,
  optionText: 75,
  optionValue: 150,
  inputLabel: 2000,
  privateMetadata: 3000,
} as const;

/** Plain text of at most `max` characters (cut on a word), never empty. */
export const plain = (text: string, max: number = VIEW_LIMITS.optionText): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncateAtWord(stripControlChars(text), max) || '…',
  emoji: true,
});

/** A menu or checkbox option: `value` is sent back as given, `label` is shown. */
export const option = (value: string, label: string = value): types.PlainTextOption => ({
  text: plain(label),
  value,
});

/** An input block of a form: its `block_id` is the form's field, so inline errors can name it. */
export const input = (
  field: string,
  label: string,
  element: types.InputBlockElement,
  extra: { hint?: string; optional?: boolean } = {},
): types.InputBlock => ({
  type: 'input',
  block_id: field,
  label: plain(label, VIEW_LIMITS.inputLabel),
  element,
  ...(extra.hint ? { hint: plain(extra.hint, VIEW_LIMITS.inputLabel) } : {}),
  ...(extra.optional ? { optional: true } : {}),
});

export function modal(parts: {
  callbackId: string;
  title: string;
  blocks: types.KnownBlock[];
  submit?: string;
  close?: string;
  metadata?: string;
}): types.ModalView {
  return {
    type: 'modal',
    callback_id: parts.callbackId,
    title: plain(parts.title, VIEW_LIMITS.title),
    ...(parts.submit ? { submit: plain(parts.submit, VIEW_LIMITS.title) } : {}),
    close: plain(parts.close ?? 'Cancel', VIEW_LIMITS.title),
    blocks: parts.blocks,
    ...(parts.metadata ? { private_metadata: parts.metadata } : {}),
  };
}

/**
 * A card's blocks as they fit in a view: the card's messages one after another, without buttons (a view is not
 * the message the buttons belong to), at most `max` blocks, the last of them saying what was left out.
 */
export function cardBlocks(
  card: Card,
  max: number = VIEW_LIMITS.blocks,
  more = 'More than fits here.',
): Block[] {
  const blocks = renderCard({ ...card, actions: [] }).flatMap((message) => message.blocks);
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(more)];
}

/** A modal that only says something (an outcome, a refusal), closed with Done. */
export const noticeModal = (title: string, content: Card | Notice): types.ModalView =>
  modal({
    callbackId: VIEW_CALLBACKS.notice,
    title,
    close: 'Done',
    blocks: cardBlocks('tone' in content ? noticeCard(content, title) : content),
  });
