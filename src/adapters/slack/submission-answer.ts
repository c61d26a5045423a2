import type { types, ViewResponseAction } from '@slack/bolt';
import type { FormResult } from '../../core/bot/submit-forms.js';
import { truncateAtWord } from '../../core/cards/text.js';
import { noticeModal } from './view-parts.js';

/** Slack shows an inline error under its input; a few lines are plenty. */
const ERROR_LENGTH = 500;

const inputBlockIds = (view: { blocks: readonly unknown[] }): string[] =>
  view.blocks.flatMap((block) => {
    const { type, block_id } = block as { type?: unknown; block_id?: unknown };
    return type === 'input' && typeof block_id === 'string' ? [block_id] : [];
  });

/**
 * How a modal answers its submission: bad fields get their errors inline (`response_action: errors`, keyed by the
 * input blocks of the submitted view, so an error about a field the view lacks goes on its first input), and the
 * modal stays open; otherwise the modal becomes the answer, saved or not (a refusal says why).
 */
export function submissionAnswer<Field extends string>(
  result: FormResult<Field>,
  view: { blocks: readonly unknown[] },
  blockOf: (field: Field) => string = (field) => field,
): ViewResponseAction {
  if (result.kind === 'invalid') {
    const inputs = inputBlockIds(view);
    const errors: Record<string, string> = {};
    for (const { field, message } of result.errors) {
      const wanted = blockOf(field);
      const blockId = inputs.includes(wanted) ? wanted : (inputs[0] ?? wanted);
      const text = truncateAtWord(message, ERROR_LENGTH);
      errors[blockId] = errors[blockId] ? `${errors[blockId]} ${text}` : text;
    }
    return { response_action: 'errors', errors };
  }
  const saved = result.reply.outcome === 'ok';
  return updateTo(noticeModal(saved ? 'Saved' : 'Not saved', result.reply.card));
}

export const updateTo = (view: types.ModalView): ViewResponseAction => ({ response_action: 'update', view });
