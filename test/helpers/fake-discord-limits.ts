/** Checks a message body the way Discord does, returning the first broken limit (Discord answers 400). */
export function messageLimitError(body: Record<string, unknown>): string | null {
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000) return 'content: Must be 2000 or fewer in length.';
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Record<string, unknown>[]) : [];
  if (embeds.length > 10) return 'embeds: Must be 10 or fewer in length.';
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    const title = String(embed.title ?? '');
    const description = String(embed.description ?? '');
    const footer = String((embed.footer as { text?: string } | undefined)?.text ?? '');
    const author = String((embed.author as { name?: string } | undefined)?.name ?? '');
    const fields = Array.isArray(embed.fields) ? (embed.fields as { name: string; value: string }[]) : [];
    if (title.length > 256) return `embeds.${index}.title: Must be 256 or fewer in length.`;
    if (description.length > 4096) return `embeds.${index}.description: Must be 4096 or fewer in length.`;
    if (footer.length > 2048) return `embeds.${index}.footer.text: Must be 2048 or fewer in length.`;
    if (author.length > 256) return `embeds.${index}.author.name: Must be 256 or fewer in length.`;
    if (fields.length > 25) return `embeds.${index}.fields: Must be 25 or fewer in length.`;
    for (const field of fields) {
      if (field.name.length > 256 || field.name.length === 0)
        return `embeds.${index}.fields.name: bad length`;
      if (field.value.length > 1024 || field.value.length === 0)
        return `embeds.${index}.fields.value: bad length`;
      total += field.name.length + field.value.length;
    }
    total += title.length + description.length + footer.length + author.length;
  }
  if (total > 6000) return 'embeds: Embed size exceeds maximum size of 6000';
  if (content === '' && embeds.length === 0 && !body.components) return 'Cannot send an empty message';
  return null;
}

type Component = Record<string, unknown>;

/**
 * Checks a message's `components` the way Discord does for action rows (components v1), returning the first
 * broken rule: at most 5 rows; a row holds 1-5 buttons or one select menu; a button has a label (at most 80) or
 * an emoji, and a `custom_id` (1-100) unless it is a link; a string select has a `custom_id`, 1-25 options with
 * labels and values of 1-100 characters, values unique, a placeholder of at most 150, `min_values` 0-25 and
 * `max_values` 1-25 with min ≤ max ≤ the options, and no more `default` options than `max_values`; every
 * `custom_id` of the message is unique.
 */
export function componentLimitError(components: unknown): string | null {
  if (components === undefined) return null;
  if (!Array.isArray(components)) return 'components: must be an array';
  if (components.length > 5) return 'components: Must be 5 or fewer in length.';
  const ids = new Set<string>();
  const customId = (value: unknown, path: string): string | null => {
    if (typeof value !== 'string' || value.length < 1 || value.length > 100)
      return `${path}.custom_id: Must be between 1 and 100 in length.`;
    if (ids.has(value)) return `${path}.custom_id: Component custom id cannot be duplicated`;
    ids.add(value);
    return null;
  };
  for (const [index, row] of (components as Component[]).entries()) {
    const path = `components.${index}`;
    if (row.type !== 1) return `${path}.type: must be an action row (1)`;
    const children = Array.isArray(row.components) ? (row.components as Component[]) : [];
    if (children.length < 1 || children.length > 5)
      return `${path}.components: Must be between 1 and 5 in length.`;
    const selects = children.filter((child) => child.type === 3).length;
    if (selects > 0 && children.length > 1) return `${path}.components: a select menu fills its row alone`;
    for (const [position, child] of children.entries()) {
      const where = `${path}.components.${position}`;
      const problem =
        child.type === 2 ? buttonError(child, where, customId) : selectError(child, where, customId);
      if (problem) return problem;
    }
  }
  return null;
}

function buttonError(
  button: Component,
  where: string,
  customId: (value: unknown, path: string) => string | null,
): string | null {
  const label = button.label;
  if (label !== undefined && (typeof label !== 'string' || label.length > 80))
    return `${where}.label: Must be 80 or fewer in length.`;
  if ((label === undefined || label === '') && button.emoji === undefined)
    return `${where}: a button needs a label or an emoji`;
  if (typeof button.style !== 'number' || button.style < 1 || button.style > 5)
    return `${where}.style: Value must be one of (1, 2, 3, 4, 5).`;
  if (button.style === 5)
    return typeof button.url === 'string' ? null : `${where}.url: a link button needs a url`;
  return customId(button.custom_id, where);
}

function selectError(
  select: Component,
  where: string,
  customId: (value: unknown, path: string) => string | null,
): string | null {
  if (select.type !== 3) return `${where}.type: paperboy's fake knows buttons (2) and string selects (3)`;
  const options = Array.isArray(select.options) ? (select.options as Component[]) : [];
  if (options.length < 1 || options.length > 25)
    return `${where}.options: Must be between 1 and 25 in length.`;
  const placeholder = select.placeholder;
  if (placeholder !== undefined && (typeof placeholder !== 'string' || placeholder.length > 150))
    return `${where}.placeholder: Must be 150 or fewer in length.`;
  const values = new Set<string>();
  for (const [index, option] of options.entries()) {
    for (const key of ['label', 'value'] as const) {
      const text = option[key];
      if (typeof text !== 'string' || text.length < 1 || text.length > 100)
        return `${where}.options.${index}.${key}: Must be between 1 and 100 in length.`;
    }
    const description = option.description;
    if (description !== undefined && (typeof description !== 'string' || description.length > 100))
      return `${where}.options.${index}.description: Must be 100 or fewer in length.`;
    if (values.has(String(option.value))) return `${where}.options.${index}.value: duplicated`;
    values.add(String(option.value));
  }
  const min = Number(select.min_values ?? 1);
  const max = Number(select.max_values ?? 1);
  if (!(Number.isInteger(min) && min >= 0 && min <= 25))
    return `${where}.min_values: int value should be between 0 and 25.`;
  if (!(Number.isInteger(max) && max >= 1 && max <= 25))
    return `${where}.max_values: int value should be between 1 and 25.`;
  if (!(min <= max && max <= options.length))
    return `${where}.max_values: must be between min_values and the number of options`;
  const defaults = options.filter((option) => option.default === true).length;
  if (defaults > max) return `${where}.options: more options are default than max_values allows`;
  return customId(select.custom_id, where);
}

/**
 * Checks a modal (the `data` of an interaction response of type 9) the way Discord does: a title of 1-45
 * characters, a `custom_id` of 1-100, 1-5 action rows each holding exactly one text input; a text input has a
 * `custom_id` (1-100, unique in the modal), a style (1 short, 2 paragraph), a label of 1-45, `min_length` 0-4000
 * and `max_length` 1-4000 with min ≤ max, a pre-filled `value` of at most `max_length` (and 4000), and a
 * placeholder of at most 100.
 */
export function modalLimitError(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return 'data: a modal needs data';
  const modal = data as Component;
  const title = modal.title;
  if (typeof title !== 'string' || title.length < 1 || title.length > 45)
    return 'data.title: Must be between 1 and 45 in length.';
  const id = modal.custom_id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 100)
    return 'data.custom_id: Must be between 1 and 100 in length.';
  const rows = Array.isArray(modal.components) ? (modal.components as Component[]) : [];
  if (rows.length < 1 || rows.length > 5) return 'data.components: Must be between 1 and 5 in length.';
  const ids = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const path = `data.components.${index}`;
    if (row.type !== 1) return `${path}.type: paperboy's fake knows action rows (1) in modals`;
    const children = Array.isArray(row.components) ? (row.components as Component[]) : [];
    if (children.length !== 1) return `${path}.components: Must be 1 in length.`;
    const problem = textInputError(children[0] as Component, `${path}.components.0`, ids);
    if (problem) return problem;
  }
  return null;
}

function textInputError(input: Component, where: string, ids: Set<string>): string | null {
  if (input.type !== 4) return `${where}.type: a modal row holds a text input (4)`;
  const id = input.custom_id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 100)
    return `${where}.custom_id: Must be between 1 and 100 in length.`;
  if (ids.has(id)) return `${where}.custom_id: Component custom id cannot be duplicated`;
  ids.add(id);
  if (input.style !== 1 && input.style !== 2) return `${where}.style: Value must be one of (1, 2).`;
  const label = input.label;
  if (typeof label !== 'string' || label.length < 1 || label.length > 45)
    return `${where}.label: Must be between 1 and 45 in length.`;
  const min = Number(input.min_length ?? 0);
  const max = Number(input.max_length ?? 4000);
  if (!(Number.isInteger(min) && min >= 0 && min <= 4000))
    return `${where}.min_length: int value should be between 0 and 4000.`;
  if (!(Number.isInteger(max) && max >= 1 && max <= 4000))
    return `${where}.max_length: int value should be between 1 and 4000.`;
  if (min > max) return `${where}.min_length: must not be more than max_length`;
  const value = input.value;
  if (value !== undefined && (typeof value !== 'string' || value.length > max))
    return `${where}.value: Must be ${max} or fewer in length.`;
  const placeholder = input.placeholder;
  if (placeholder !== undefined && (typeof placeholder !== 'string' || placeholder.length > 100))
    return `${where}.placeholder: Must be 100 or fewer in length.`;
  return null;
}

/** What the fake knows of the interaction an answer is for: its type, and whether it came from a message. */
export interface AnsweredInteraction {
  type: number;
  fromMessage: boolean;
}

/**
 * Checks an interaction response against the interaction it answers, the first problem: a message (4) or an
 * update (7) within the message limits (`messageLimitError`, `componentLimitError`); an update (6, 7) only for
 * a click (3) or for a modal submitted from a message (5); a modal (9) within `modalLimitError`, and never in
 * answer to a modal submit, a ping or an autocomplete; PONG (1) only for a ping, choices (8) only for an
 * autocomplete. Without the interaction (one the fake did not see) only the bodies are checked; a message with
 * `files` is left to the caller (files make a message without text valid).
 */
export function interactionResponseError(
  response: { type?: unknown; data?: unknown },
  interaction?: AnsweredInteraction,
  files = false,
): string | null {
  const { type } = response;
  const data = (response.data ?? {}) as Record<string, unknown>;
  const answering = interaction?.type;
  if ((type === 4 || type === 7) && !files) {
    const problem = componentLimitError(data.components) ?? messageLimitError(data);
    if (problem) return `data.${problem}`;
  }
  if (type === 6 || type === 7) {
    const fromComponent = answering === 3 || (answering === 5 && interaction?.fromMessage === true);
    if (answering !== undefined && !fromComponent)
      return 'type: an update is only valid for component-based interactions';
  }
  if (type === 9) {
    if (answering === 1 || answering === 4 || answering === 5)
      return 'type: a modal cannot answer this interaction';
    return modalLimitError(response.data);
  }
  if (type === 1 && answering !== undefined && answering !== 1) return 'type: PONG only answers a PING';
  if (type === 8 && answering !== undefined && answering !== 4)
    return 'type: choices only answer an autocomplete';
  if (![1, 4, 5, 6, 7, 8, 9].includes(Number(type)))
    return 'type: Value must be a valid interaction response';
  return null;
}

/** Application command types: slash commands (the default), and the context menus of users and messages. */
const CHAT_INPUT = 1;
const USER = 2;
const MESSAGE = 3;
/** Commands per type, as Discord counts them (global, and again per guild). */
const PER_TYPE: Record<number, number> = { [CHAT_INPUT]: 100, [USER]: 15, [MESSAGE]: 15 };
/** A context-menu command's name: 1-32 characters, any case, spaces allowed. */
const MENU_NAME = /^[-_' \p{L}\p{N}]{1,32}$/u;

/**
 * Checks application command definitions (a bulk overwrite) against Discord's rules; the first problem. A slash
 * command (type 1 or none) needs a lower-case name and a description, with options within their limits; a user or
 * message command (2, 3) has a name of 1-32 characters that may hold capitals and spaces (not only spaces), and no
 * description (absent or empty) and no options. Names are unique per type; at most 100 slash commands and 15 of
 * each menu type.
 */
export function commandDefinitionError(commands: unknown): string | null {
  if (!Array.isArray(commands)) return 'body: must be an array of commands';
  const names = new Set<string>();
  const counts = new Map<number, number>();
  for (const [index, command] of (commands as Component[]).entries()) {
    const type = command.type ?? CHAT_INPUT;
    const max = typeof type === 'number' ? PER_TYPE[type] : undefined;
    if (typeof type !== 'number' || max === undefined)
      return `${index}.type: Value must be one of (1, 2, 3).`;
    const count = (counts.get(type) ?? 0) + 1;
    counts.set(type, count);
    if (count > max) return `body: at most ${max} commands of type ${type}`;
    const problem =
      type === CHAT_INPUT ? optionError(command, `${index}`, true) : menuError(command, `${index}`);
    if (problem) return problem;
    const key = `${type}:${String(command.name)}`;
    if (names.has(key)) return `${index}.name: Application command names must be unique`;
    names.add(key);
  }
  return null;
}

function menuError(command: Component, path: string): string | null {
  const name = command.name;
  if (typeof name !== 'string' || !MENU_NAME.test(name) || name.trim() === '')
    return `${path}.name: 1-32 characters (letters, digits, spaces, - _ ')`;
  if (command.description !== undefined && command.description !== '')
    return `${path}.description: Context menu commands cannot have description`;
  if (command.options !== undefined) return `${path}.options: Context menu commands cannot have options`;
  return null;
}

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

function optionError(option: Component, path: string, command = false): string | null {
  if (typeof option.name !== 'string' || !NAME.test(option.name))
    return `${path}.name: 1-32 lower-case characters, digits, - or _`;
  const description = option.description;
  if (typeof description !== 'string' || description.length < 1 || description.length > 100)
    return `${path}.description: Must be between 1 and 100 in length.`;
  const options = (option.options ?? []) as Component[];
  if (!Array.isArray(options) || options.length > 25)
    return `${path}.options: Must be 25 or fewer in length.`;
  const choices = option.choices as Component[] | undefined;
  if (choices !== undefined) {
    if (!Array.isArray(choices) || choices.length > 25)
      return `${path}.choices: Must be 25 or fewer in length.`;
    if (option.autocomplete) return `${path}: autocomplete cannot be set with choices`;
    for (const [index, choice] of choices.entries()) {
      const name = choice.name;
      if (typeof name !== 'string' || name.length < 1 || name.length > 100)
        return `${path}.choices.${index}.name: Must be between 1 and 100 in length.`;
    }
  }
  let optional = false;
  for (const [index, child] of options.entries()) {
    const problem = optionError(child, `${path}.options.${index}`);
    if (problem) return problem;
    if (!child.required) optional = true;
    else if (optional && child.type !== 1 && child.type !== 2)
      return `${path}.options.${index}.required: Required options must be placed before non-required options`;
  }
  if (!command && option.type === undefined) return `${path}.type: required`;
  return null;
}
