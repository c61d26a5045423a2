import { choiceIn, choicesIn, conversationIn, type StateValues, textIn, timeIn } from './view-state.js';

type Element = {
  type?: unknown;
  initial_value?: unknown;
  initial_time?: unknown;
  initial_conversation?: unknown;
  initial_option?: { value?: unknown };
  initial_options?: { value?: unknown }[];
};
type Value = string | readonly string[];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What an input showed when the modal opened, and what it holds in a submission, read the same way. */
const READERS: Record<
  string,
  {
    initial: (element: Element) => Value;
    submitted: (values: StateValues, blockId: string) => Value | undefined;
  }
> = {
  plain_text_input: { initial: (element) => text(element.initial_value), submitted: textIn },
  timepicker: { initial: (element) => text(element.initial_time), submitted: timeIn },
  conversations_select: {
    initial: (element) => text(element.initial_conversation),
    submitted: conversationIn,
  },
  static_select: { initial: (element) => text(element.initial_option?.value), submitted: choiceIn },
  external_select: { initial: (element) => text(element.initial_option?.value), submitted: choiceIn },
  radio_buttons: { initial: (element) => text(element.initial_option?.value), submitted: choiceIn },
  multi_static_select: {
    initial: (element) => (element.initial_options ?? []).map((entry) => text(entry.value)),
    submitted: choicesIn,
  },
  checkboxes: {
    initial: (element) => (element.initial_options ?? []).map((entry) => text(entry.value)),
    submitted: choicesIn,
  },
};

/** Lists are compared as sets: ticking the same boxes in another order changes nothing. */
const same = (a: Value | undefined, b: Value): boolean => {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === undefined) return false;
  const sorted = (list: readonly string[]) => JSON.stringify([...new Set(list)].sort());
  return sorted(a) === sorted(b);
};

/**
 * The inputs of a submission the person changed: each value compared with the one its input started with, read
 * from the submitted view's own blocks (Slack sends the view back as paperboy last set it, `initial_option`,
 * `initial_options`, `initial_value` and `initial_time` included). A block the view does not have, or an input
 * paperboy cannot read the start of, counts as changed. So a modal opened before someone else changed the
 * channel saves only what this person touched, and a modal saved untouched changes nothing. The blocks come from
 * the client like the values do: they decide only which fields are sent, never whether saving is allowed.
 */
export function changedInputs(values: StateValues, blocks: readonly unknown[]): StateValues {
  const initial = new Map<string, Element>();
  for (const block of blocks) {
    const { type, block_id, element } = (block ?? {}) as {
      type?: unknown;
      block_id?: unknown;
      element?: unknown;
    };
    if (type === 'input' && typeof block_id === 'string' && typeof element === 'object' && element !== null)
      initial.set(block_id, element as Element);
  }
  const changed: StateValues = {};
  for (const [blockId, state] of Object.entries(values)) {
    const element = initial.get(blockId);
    const reader = READERS[String(element?.type)];
    if (!element || !reader || !same(reader.submitted(values, blockId), reader.initial(element)))
      changed[blockId] = state;
  }
  return changed;
}
