/** What a test puts in one input: text, a time, a channel, an option's value, or the values of several. */
export type FakeInput = string | readonly string[] | null;

type Option = { text: unknown; value: string; description?: unknown };
type Element = Record<string, unknown> & { type: string; action_id?: string };
type Block = { type?: unknown; block_id?: unknown; element?: unknown; optional?: unknown };

const optionsOf = (element: Element): Option[] => {
  if (Array.isArray(element.options)) return element.options as Option[];
  if (Array.isArray(element.option_groups))
    return (element.option_groups as { options?: Option[] }[]).flatMap((group) => group.options ?? []);
  return [];
};

const initialOf = (element: Element): FakeInput => {
  switch (element.type) {
    case 'plain_text_input':
      return typeof element.initial_value === 'string' ? element.initial_value : null;
    case 'timepicker':
      return typeof element.initial_time === 'string' ? element.initial_time : null;
    case 'conversations_select':
      return typeof element.initial_conversation === 'string' ? element.initial_conversation : null;
    case 'multi_static_select':
    case 'checkboxes':
      return ((element.initial_options as Option[] | undefined) ?? []).map((entry) => entry.value);
    default:
      return (element.initial_option as Option | undefined)?.value ?? null;
  }
};

/**
 * The `state.values` Slack sends with a `view_submission` of `view`: for each input block, what the person set
 * (`values`, by `block_id`), else what the input started with. Slack's client only lets a person pick what a
 * menu offers (an external menu: what the app served, `served`), and not submit a required input empty; values
 * that break this throw unless `tampered`, which also lets `values` name blocks the view does not have (sent as
 * text), as a forged request could.
 */
export function stateValuesOf(
  view: { blocks?: unknown },
  values: Record<string, FakeInput>,
  options: { tampered?: boolean; served?: (actionId: string) => ReadonlySet<string> } = {},
): Record<string, Record<string, Record<string, unknown>>> {
  const tampered = options.tampered === true;
  const refuse = (what: string) => {
    if (!tampered) throw new Error(`Slack would not send this (pass tampered: true to forge it): ${what}`);
  };
  const state: Record<string, Record<string, Record<string, unknown>>> = {};
  const blocks = (Array.isArray(view.blocks) ? view.blocks : []) as Block[];
  const inputs = blocks.filter((block) => block.type === 'input' && typeof block.block_id === 'string');
  for (const block of inputs) {
    const blockId = block.block_id as string;
    const element = block.element as Element;
    const given = blockId in values ? (values[blockId] ?? null) : initialOf(element);
    const empty = given === null || given === '' || (Array.isArray(given) && given.length === 0);
    if (empty && block.optional !== true) refuse(`the required input ${blockId} empty`);
    const offered = element.type === 'external_select' ? null : optionsOf(element);
    const pick = (value: string): Option => {
      const known = offered?.find((entry) => entry.value === value);
      if (known) return known;
      const served = options.served?.(element.action_id ?? '') ?? new Set<string>();
      const initial = (element.initial_option as Option | undefined)?.value;
      if (offered !== null || (!served.has(value) && value !== initial))
        refuse(`${JSON.stringify(value)} in ${blockId}, which it does not offer`);
      return { text: { type: 'plain_text', text: value, emoji: true }, value };
    };
    const list = given === null ? [] : typeof given === 'string' ? [given] : [...given];
    const single = list[0] ?? null;
    const entry: Record<string, unknown> = { type: element.type };
    switch (element.type) {
      case 'plain_text_input':
        entry.value = empty ? null : single;
        break;
      case 'timepicker':
        entry.selected_time = single;
        break;
      case 'conversations_select':
        entry.selected_conversation = single;
        break;
      case 'multi_static_select':
      case 'checkboxes':
        entry.selected_options = list.map(pick);
        break;
      default:
        entry.selected_option = single === null ? null : pick(single);
    }
    state[blockId] = { [element.action_id ?? 'value']: entry };
  }
  const known = new Set(inputs.map((block) => block.block_id as string));
  for (const [blockId, value] of Object.entries(values)) {
    if (known.has(blockId)) continue;
    refuse(`the block ${blockId}, which the view does not have`);
    state[blockId] = {
      value: { type: 'plain_text_input', value: typeof value === 'string' ? value : JSON.stringify(value) },
    };
  }
  return state;
}
