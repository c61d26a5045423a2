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
 * labels and values of 1-100 characters, values unique, a placeholder of at most 150; every `custom_id` of the
 * message is unique.
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
  if (!(min >= 0 && max >= 1 && min <= max && max <= options.length))
    return `${where}.max_values: must be between min_values and the number of options`;
  return customId(select.custom_id, where);
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
