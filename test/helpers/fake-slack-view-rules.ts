/**
 * Slack's rules for views (`views.open`, `views.push`, `views.update`, `views.publish`), as the fake Slack enforces
 * them: each problem is worded as Slack words it in `response_metadata.messages` of an `invalid_arguments` answer,
 * `[ERROR] <what> [json-pointer:/view/…]`. Only the blocks and elements paperboy sends are known; any other is
 * refused, so a new one gets its rules here before it is used.
 */
export function slackViewErrors(view: unknown, expected: 'modal' | 'home' | 'any' = 'any'): string[] {
  const errors: string[] = [];
  const problem = (pointer: string, what: string) =>
    errors.push(`[ERROR] ${what} [json-pointer:/view${pointer}]`);
  if (typeof view !== 'object' || view === null) {
    problem('', 'must be an object');
    return errors;
  }
  const v = view as Record<string, unknown>;
  if (v.type !== 'modal' && v.type !== 'home') problem('/type', 'must be modal or home');
  else if (expected !== 'any' && v.type !== expected) problem('/type', `must be ${expected} here`);
  if (v.type === 'modal') {
    checkPlain(v.title, 24, '/title', problem, true);
    checkPlain(v.submit, 24, '/submit', problem);
    checkPlain(v.close, 24, '/close', problem);
    const hasInput =
      Array.isArray(v.blocks) && v.blocks.some((block) => (block as { type?: unknown })?.type === 'input');
    if (hasInput && v.submit === undefined) problem('/submit', 'is required when the view has input blocks');
  }
  if (
    v.private_metadata !== undefined &&
    (typeof v.private_metadata !== 'string' || v.private_metadata.length > 3000)
  )
    problem('/private_metadata', 'must be a string of at most 3000 characters');
  if (v.callback_id !== undefined && (typeof v.callback_id !== 'string' || v.callback_id.length > 255))
    problem('/callback_id', 'must be a string of at most 255 characters');
  if (!Array.isArray(v.blocks)) {
    problem('/blocks', 'must be an array');
    return errors;
  }
  if (v.blocks.length > 100) problem('/blocks', `must have at most 100 items (has ${v.blocks.length})`);
  const blockIds = new Set<string>();
  for (const [index, block] of v.blocks.entries()) checkBlock(block, `/blocks/${index}`, blockIds, problem);
  return errors;
}

type Problem = (pointer: string, what: string) => void;

const TEXT_TYPES = new Set(['plain_text', 'mrkdwn']);

function checkText(
  value: unknown,
  max: number,
  pointer: string,
  problem: Problem,
  types: Set<string>,
  required: boolean,
) {
  if (value === undefined) {
    if (required) problem(pointer, 'is required');
    return;
  }
  const text = value as { type?: unknown; text?: unknown };
  if (typeof text !== 'object' || text === null || !types.has(String(text.type)))
    problem(`${pointer}/type`, `must be ${[...types].join(' or ')}`);
  else if (typeof text.text !== 'string' || text.text.length < 1)
    problem(`${pointer}/text`, 'must not be empty');
  else if (text.text.length > max) problem(`${pointer}/text`, `must be less than ${max + 1} characters`);
}

const checkPlain = (value: unknown, max: number, pointer: string, problem: Problem, required = false) =>
  checkText(value, max, pointer, problem, new Set(['plain_text']), required);

function checkBlock(block: unknown, pointer: string, blockIds: Set<string>, problem: Problem) {
  const b = (block ?? {}) as Record<string, unknown>;
  if (b.block_id !== undefined) {
    if (typeof b.block_id !== 'string' || b.block_id.length < 1 || b.block_id.length > 255)
      problem(`${pointer}/block_id`, 'must be a string of 1-255 characters');
    else if (blockIds.has(b.block_id)) problem(`${pointer}/block_id`, `duplicate block_id ${b.block_id}`);
    else blockIds.add(b.block_id);
  }
  const actionIds = new Set<string>();
  const element = (value: unknown, at: string, allowed: ReadonlySet<string>) =>
    checkElement(value, `${pointer}${at}`, allowed, actionIds, problem);
  switch (b.type) {
    case 'header':
      checkPlain(b.text, 150, `${pointer}/text`, problem, true);
      break;
    case 'section':
      checkText(b.text, 3000, `${pointer}/text`, problem, TEXT_TYPES, b.fields === undefined);
      if (b.accessory !== undefined) element(b.accessory, '/accessory', ACCESSORY_ELEMENTS);
      break;
    case 'context': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length < 1 || elements.length > 10) problem(`${pointer}/elements`, 'must have 1-10 items');
      for (const [index, item] of elements.entries())
        checkText(item, 3000, `${pointer}/elements/${index}`, problem, TEXT_TYPES, true);
      break;
    }
    case 'actions': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length < 1 || elements.length > 25) problem(`${pointer}/elements`, 'must have 1-25 items');
      for (const [index, item] of elements.entries()) element(item, `/elements/${index}`, ACTIONS_ELEMENTS);
      break;
    }
    case 'input':
      checkPlain(b.label, 2000, `${pointer}/label`, problem, true);
      checkPlain(b.hint, 2000, `${pointer}/hint`, problem);
      if (b.optional !== undefined && typeof b.optional !== 'boolean')
        problem(`${pointer}/optional`, 'must be a boolean');
      element(b.element, '/element', INPUT_ELEMENTS);
      break;
    case 'divider':
      break;
    default:
      problem(`${pointer}/type`, `a block type paperboy does not send: ${String(b.type)}`);
  }
}

const ACCESSORY_ELEMENTS = new Set(['button', 'overflow', 'static_select', 'checkboxes', 'radio_buttons']);
const ACTIONS_ELEMENTS = new Set(['button', 'overflow', 'static_select']);
const INPUT_ELEMENTS = new Set([
  'plain_text_input',
  'static_select',
  'multi_static_select',
  'external_select',
  'checkboxes',
  'radio_buttons',
  'timepicker',
  'conversations_select',
]);

type Option = { text?: unknown; value?: unknown; description?: unknown };

const sameOption = (a: Option, b: Option) =>
  JSON.stringify([a.text, a.value]) === JSON.stringify([b.text, b.value]);

function checkOptions(
  options: unknown,
  pointer: string,
  problem: Problem,
  limits: { min: number; max: number; mrkdwn: boolean },
): Option[] {
  if (!Array.isArray(options)) {
    problem(pointer, 'must be an array');
    return [];
  }
  if (options.length < limits.min || options.length > limits.max)
    problem(pointer, `must have ${limits.min}-${limits.max} items (has ${options.length})`);
  const values = new Set<string>();
  options.forEach((item: Option, index) => {
    const at = `${pointer}/${index}`;
    checkText(
      item?.text,
      75,
      `${at}/text`,
      problem,
      limits.mrkdwn ? TEXT_TYPES : new Set(['plain_text']),
      true,
    );
    checkPlain(item?.description, 75, `${at}/description`, problem);
    if (typeof item?.value !== 'string' || item.value.length < 1 || item.value.length > 150)
      problem(`${at}/value`, 'must be a string of 1-150 characters');
    else if (values.has(item.value)) problem(`${at}/value`, `duplicate option value ${item.value}`);
    else values.add(item.value);
  });
  return options as Option[];
}

/** Options (or option groups) of a static menu: at most 100 options, or 100 groups of at most 100 each. */
function menuOptions(e: Record<string, unknown>, pointer: string, problem: Problem): Option[] {
  if ((e.options === undefined) === (e.option_groups === undefined)) {
    problem(pointer, 'must have exactly one of options and option_groups');
    return [];
  }
  if (e.options !== undefined)
    return checkOptions(e.options, `${pointer}/options`, problem, { min: 1, max: 100, mrkdwn: false });
  const groups = Array.isArray(e.option_groups)
    ? (e.option_groups as { label?: unknown; options?: unknown }[])
    : [];
  if (groups.length < 1 || groups.length > 100) problem(`${pointer}/option_groups`, 'must have 1-100 items');
  return groups.flatMap((group, index) => {
    const at = `${pointer}/option_groups/${index}`;
    checkPlain(group.label, 75, `${at}/label`, problem, true);
    return checkOptions(group.options, `${at}/options`, problem, { min: 1, max: 100, mrkdwn: false });
  });
}

function checkInitial(e: Record<string, unknown>, options: Option[], pointer: string, problem: Problem) {
  const among = (chosen: Option) => options.some((entry) => sameOption(entry, chosen));
  if (e.initial_option !== undefined && !among(e.initial_option as Option))
    problem(`${pointer}/initial_option`, 'must match one of the options');
  if (e.initial_options !== undefined) {
    const chosen = Array.isArray(e.initial_options) ? (e.initial_options as Option[]) : [];
    if (!Array.isArray(e.initial_options) || chosen.some((entry) => !among(entry)))
      problem(`${pointer}/initial_options`, 'must match options of the element');
  }
}

function checkElement(
  element: unknown,
  pointer: string,
  allowed: ReadonlySet<string>,
  actionIds: Set<string>,
  problem: Problem,
) {
  const e = (element ?? {}) as Record<string, unknown>;
  if (!allowed.has(String(e.type))) {
    problem(`${pointer}/type`, `an element type paperboy does not send here: ${String(e.type)}`);
    return;
  }
  if (e.action_id !== undefined) {
    if (typeof e.action_id !== 'string' || e.action_id.length < 1 || e.action_id.length > 255)
      problem(`${pointer}/action_id`, 'must be a string of 1-255 characters');
    else if (actionIds.has(e.action_id))
      problem(`${pointer}/action_id`, `duplicate action_id ${e.action_id}`);
    else actionIds.add(e.action_id);
  }
  checkPlain(e.placeholder, 150, `${pointer}/placeholder`, problem);
  switch (e.type) {
    case 'button':
      checkPlain(e.text, 75, `${pointer}/text`, problem, true);
      if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000))
        problem(`${pointer}/value`, 'must be at most 2000 characters');
      break;
    case 'overflow':
      checkOptions(e.options, `${pointer}/options`, problem, { min: 2, max: 5, mrkdwn: false });
      break;
    case 'static_select':
    case 'multi_static_select':
      checkInitial(e, menuOptions(e, pointer, problem), pointer, problem);
      if (
        e.max_selected_items !== undefined &&
        !(Number.isInteger(e.max_selected_items) && Number(e.max_selected_items) >= 1)
      )
        problem(`${pointer}/max_selected_items`, 'must be a whole number of at least 1');
      break;
    case 'external_select':
      if (e.initial_option !== undefined)
        checkOptions([e.initial_option], `${pointer}/initial_option`, problem, {
          min: 1,
          max: 1,
          mrkdwn: false,
        });
      if (
        e.min_query_length !== undefined &&
        !(Number.isInteger(e.min_query_length) && Number(e.min_query_length) >= 0)
      )
        problem(`${pointer}/min_query_length`, 'must be a whole number');
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkInitial(
        e,
        checkOptions(e.options, `${pointer}/options`, problem, { min: 1, max: 10, mrkdwn: true }),
        pointer,
        problem,
      );
      break;
    case 'timepicker':
      if (
        e.initial_time !== undefined &&
        !(typeof e.initial_time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(e.initial_time))
      )
        problem(`${pointer}/initial_time`, 'must be HH:mm');
      break;
    case 'plain_text_input': {
      const max = e.max_length === undefined ? 3000 : Number(e.max_length);
      if (!Number.isInteger(max) || max < 1 || max > 3000) problem(`${pointer}/max_length`, 'must be 1-3000');
      if (e.min_length !== undefined && !(Number.isInteger(e.min_length) && Number(e.min_length) <= 3000))
        problem(`${pointer}/min_length`, 'must be at most 3000');
      if (
        e.initial_value !== undefined &&
        (typeof e.initial_value !== 'string' || e.initial_value.length > max)
      )
        problem(`${pointer}/initial_value`, 'must be a string within max_length');
      break;
    }
    case 'conversations_select': {
      const filter = (e.filter ?? {}) as { include?: unknown };
      const kinds = new Set(['im', 'mpim', 'private', 'public']);
      if (
        filter.include !== undefined &&
        (!Array.isArray(filter.include) || filter.include.some((kind) => !kinds.has(String(kind))))
      )
        problem(`${pointer}/filter/include`, 'must list im, mpim, private or public');
      break;
    }
  }
}
