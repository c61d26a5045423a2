import type { FormResult } from '../../../core/bot/submit-forms.js';
import type { Notice, Reply } from '../../../core/cards/card.js';

/** A correct command for each field, shown under what was wrong with it. */
const EXAMPLES: Record<string, string> = {
  time: '/digest schedule time:09:30 timezone:Europe/Berlin days:weekdays',
  timezone: '/digest schedule time:09:30 timezone:Europe/Berlin',
  days: '/digest schedule time:09:30 days:weekdays',
  top: '/digest config top:7',
  'min-upvotes': '/digest config min-upvotes:10',
  sources: '/digest config sources:hf,cs.LG',
  threads: '/digest config threads:False',
  alerts: '/digest config alerts:instant',
  empty: '/digest config empty:False',
  learn: '/digest config learn:False',
  shared: '/digest config shared:hide',
  add: '/subscribe terms:lora "vision language" -survey',
  remove: '/unsubscribe term:lora',
};

/**
 * The one line the panel shows after a save: what was saved (`saved`, worded by the caller from the reply), or
 * what was wrong, with a correct example (nothing was saved then), or why the answer was refused.
 */
export function saveResult<Field extends string>(
  result: FormResult<Field>,
  saved: (reply: Reply) => string,
): Notice {
  if (result.kind === 'invalid') {
    const [first] = result.errors;
    const example = first ? EXAMPLES[first.field] : undefined;
    return {
      tone: 'error',
      text: `Not saved. ${result.errors.map((error) => error.message).join(' ')}`,
      ...(example ? { example } : {}),
    };
  }
  const { reply } = result;
  if (reply.outcome === 'ok') return { tone: 'success', text: saved(reply) };
  const [notice] = reply.card.notices;
  return notice ? { ...notice, text: `Not saved. ${notice.text}` } : { tone: 'error', text: 'Not saved.' };
}

/** The text of a reply's notices, one after the other (the core's own words for what it did). */
export const noticesText = (reply: Reply): string =>
  reply.card.notices.map((notice) => notice.text).join(' ');
