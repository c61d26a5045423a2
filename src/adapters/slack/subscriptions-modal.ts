import type { types } from '@slack/bolt';
import type { SubscriptionsForm } from '../../core/commands/subscriptions-form.js';
import type { SubscriptionTerm } from '../../core/subscriptions/term.js';
import { encodeModalMetadata, type ModalMetadata } from './modal-metadata.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import { input, modal, option, VIEW_LIMITS } from './view-parts.js';
import { choicesIn, type StateValues, textIn } from './view-state.js';

/** Slack's checkboxes hold at most 10 options, so the terms to remove come in blocks of 10. */
const TERMS_PER_BLOCK = 10;
export const REMOVE_BLOCK = 'remove';
const removeBlockId = (index: number) => (index === 0 ? REMOVE_BLOCK : `${REMOVE_BLOCK}_${index + 1}`);
const isRemoveBlock = (blockId: string) => blockId === REMOVE_BLOCK || /^remove_\d+$/.test(blockId);

/**
 * The subscriptions modal of a channel: a text field for terms to add, typed as `/papers subscribe` takes them,
 * and the channel's terms as checkboxes, ticked to remove (up to 50 terms, in blocks of 10).
 */
export function subscriptionsModal(
  terms: readonly SubscriptionTerm[],
  metadata: ModalMetadata,
): types.ModalView {
  // A term longer than an option's value cannot be ticked here (terms are at most 100 characters, so none is).
  const removable = terms.filter((term) => term.text.length <= VIEW_LIMITS.optionValue);
  const chunks: SubscriptionTerm[][] = [];
  for (let at = 0; at < removable.length; at += TERMS_PER_BLOCK)
    chunks.push(removable.slice(at, at + TERMS_PER_BLOCK));
  const removeBlocks = chunks.map((chunk, index) =>
    input(
      removeBlockId(index),
      index === 0 ? 'Tick to stop following' : 'More terms',
      { type: 'checkboxes', action_id: 'terms', options: chunk.map((term) => option(term.text)) },
      { optional: true },
    ),
  );
  const none: types.KnownBlock[] =
    terms.length === 0
      ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'This channel follows no terms yet.' }] }]
      : [];
  return modal({
    callbackId: VIEW_CALLBACKS.subscriptions,
    title: 'Subscriptions',
    submit: 'Save',
    metadata: encodeModalMetadata(metadata),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Terms <#${metadata.channelId}> follows` } },
      input(
        'add',
        'Follow',
        {
          type: 'plain_text_input',
          action_id: 'text',
          max_length: 1000,
          placeholder: { type: 'plain_text', text: 'lora "vision language" -survey' },
        },
        {
          optional: true,
          hint: 'As with /papers subscribe: words, "quoted phrases", -word to leave papers out, category:cs.LG.',
        },
      ),
      ...none,
      ...removeBlocks,
    ],
  });
}

/** What the subscriptions modal submitted: the text to add and every ticked term, from all of its blocks. */
export function subscriptionsFormOfState(values: StateValues): SubscriptionsForm {
  const remove = Object.keys(values)
    .filter(isRemoveBlock)
    .flatMap((blockId) => choicesIn(values, blockId) ?? []);
  return { add: textIn(values, 'add') ?? '', remove };
}

/** The block an error about a field goes on: the first block of terms for `remove`. */
export const subscriptionsBlockOf = (field: 'add' | 'remove'): string =>
  field === 'remove' ? REMOVE_BLOCK : 'add';
