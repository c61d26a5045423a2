import type { ViewOutput, ViewStateValue } from '@slack/bolt';

/** What a submitted view's inputs hold, by `block_id` then `action_id`, as Slack sends it. */
export type StateValues = ViewOutput['state']['values'];

/**
 * Readers of one input block's value. Each gives undefined when the block is not in the submission at all (a
 * field left out is not changed); what a value means is up to the core's form parsers, never decided here.
 */
const stateOf = (values: StateValues, blockId: string): ViewStateValue | undefined =>
  Object.values(values[blockId] ?? {})[0];

export const textIn = (values: StateValues, blockId: string): string | undefined => {
  const state = stateOf(values, blockId);
  return state ? (state.value ?? '') : undefined;
};

export const choiceIn = (values: StateValues, blockId: string): string | undefined => {
  const state = stateOf(values, blockId);
  return state ? (state.selected_option?.value ?? '') : undefined;
};

export const choicesIn = (values: StateValues, blockId: string): string[] | undefined => {
  const state = stateOf(values, blockId);
  return state ? (state.selected_options ?? []).map((selected) => selected.value) : undefined;
};

export const timeIn = (values: StateValues, blockId: string): string | undefined => {
  const state = stateOf(values, blockId);
  return state ? (state.selected_time ?? '') : undefined;
};

export const conversationIn = (values: StateValues, blockId: string): string | undefined => {
  const state = stateOf(values, blockId);
  return state ? (state.selected_conversation ?? '') : undefined;
};
