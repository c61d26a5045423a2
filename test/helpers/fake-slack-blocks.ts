/**
 * Slack's own Block Kit rules (its documented limits, not the renderer's safety margin) for the blocks paperboy
 * sends, as the fake Slack enforces them on `chat.postMessage` and `chat.update`: an empty list means Slack would
 * take them, anything else is what `invalid_blocks` would be about.
 */
export function slackBlockErrors(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const errors: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) errors.push(problem);
  };
  check(blocks.length <= 50, `${blocks.length} blocks (at most 50)`);
  const blockIds = new Set<string>();
  blocks.forEach((block: Record<string, unknown>, index) => {
    const where = `block ${index} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      check(block.block_id.length <= 255 && !blockIds.has(block.block_id), `${where}: block_id`);
      blockIds.add(block.block_id);
    }
    const actionIds = new Set<string>();
    const element = (value: unknown, what: string) => {
      const errorsOf = elementErrors(value as Record<string, unknown>, actionIds);
      for (const error of errorsOf) errors.push(`${where}: ${what}: ${error}`);
    };
    switch (block.type) {
      case 'header':
        check(plainText(block.text, 150), `${where}: text must be plain_text of 1-150 characters`);
        break;
      case 'section': {
        check(mrkdwnOrPlain(block.text, 3000), `${where}: text of 1-3000 characters`);
        if (block.accessory !== undefined) element(block.accessory, 'accessory');
        break;
      }
      case 'context': {
        const elements = block.elements as unknown[];
        check(
          Array.isArray(elements) && elements.length >= 1 && elements.length <= 10,
          `${where}: 1-10 elements`,
        );
        for (const item of Array.isArray(elements) ? elements : [])
          check(mrkdwnOrPlain(item, 3000), `${where}: element text of 1-3000 characters`);
        break;
      }
      case 'actions': {
        const elements = block.elements as unknown[];
        check(
          Array.isArray(elements) && elements.length >= 1 && elements.length <= 25,
          `${where}: 1-25 elements`,
        );
        for (const item of Array.isArray(elements) ? elements : []) element(item, 'element');
        break;
      }
      case 'divider':
        break;
      default:
        errors.push(`${where}: a block type paperboy does not send`);
    }
  });
  return errors;
}

function elementErrors(element: Record<string, unknown>, actionIds: Set<string>): string[] {
  const errors: string[] = [];
  const actionId = element.action_id;
  if (typeof actionId === 'string') {
    if (actionId.length > 255) errors.push('action_id longer than 255');
    if (actionIds.has(actionId)) errors.push(`action_id ${actionId} repeated in the block`);
    actionIds.add(actionId);
  }
  switch (element.type) {
    case 'button':
      if (!plainText(element.text, 75)) errors.push('text must be plain_text of 1-75 characters');
      if (typeof element.value === 'string' && element.value.length > 2000) errors.push('value over 2000');
      break;
    case 'overflow': {
      const options = element.options as { text?: unknown; value?: unknown }[] | undefined;
      if (!Array.isArray(options) || options.length < 2 || options.length > 5)
        errors.push('overflow needs 2-5 options');
      for (const option of Array.isArray(options) ? options : []) {
        if (!plainText(option.text, 75)) errors.push('option text must be plain_text of 1-75 characters');
        if (typeof option.value !== 'string' || option.value.length < 1 || option.value.length > 150)
          errors.push('option value of 1-150 characters');
      }
      break;
    }
    default:
      errors.push(`an element type paperboy does not send: ${String(element.type)}`);
  }
  return errors;
}

const textOf = (value: unknown): { type?: unknown; text?: unknown } =>
  typeof value === 'object' && value !== null ? (value as { type?: unknown; text?: unknown }) : {};

const plainText = (value: unknown, max: number): boolean => {
  const { type, text } = textOf(value);
  return type === 'plain_text' && typeof text === 'string' && text.length >= 1 && text.length <= max;
};

const mrkdwnOrPlain = (value: unknown, max: number): boolean => {
  const { type, text } = textOf(value);
  return (
    (type === 'mrkdwn' || type === 'plain_text') &&
    typeof text === 'string' &&
    text.length >= 1 &&
    text.length <= max
  );
};
