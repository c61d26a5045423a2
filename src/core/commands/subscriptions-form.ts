import { err, ok, type Result } from '../result.js';
import { SUBSCRIPTION_LIMITS, type SubscriptionTerm } from '../subscriptions/term.js';
import { describeCommandError } from './command-error.js';
import { parseCommand } from './parse-command.js';

/** What a subscriptions form submits: terms to add, typed as `/papers subscribe` takes them, and terms ticked for removal. */
export interface SubscriptionsForm {
  add: string;
  /** The `text` of each ticked term, as the form was given them. */
  remove: readonly string[];
}

export type SubscriptionsField = 'add' | 'remove';

export interface SubscriptionChanges {
  add: SubscriptionTerm[];
  remove: SubscriptionTerm[];
}

/**
 * A subscriptions form read as the commands read it: the added text goes through `/papers subscribe`'s own
 * parser (same syntax, same errors); a ticked term must be one the channel has (a tampered value is refused).
 *
 * @example
 * subscriptionsFromForm({ add: 'lora "vision language"', remove: ['-survey'] }, current);
 */
export function subscriptionsFromForm(
  form: SubscriptionsForm,
  current: readonly SubscriptionTerm[],
): Result<SubscriptionChanges, { field: SubscriptionsField; message: string }[]> {
  const errors: { field: SubscriptionsField; message: string }[] = [];
  let add: SubscriptionTerm[] = [];
  if (form.add.trim() !== '') {
    const parsed = parseCommand(`subscribe ${form.add.trim()}`);
    if (parsed.ok && parsed.value.kind === 'subscribe') add = parsed.value.terms;
    else if (!parsed.ok) errors.push({ field: 'add', message: describeCommandError(parsed.error).message });
    else errors.push({ field: 'add', message: 'Type the terms to follow, e.g. lora "vision language".' });
  }
  // A term to remove is read as `/papers unsubscribe` reads it: one the channel does not follow (removed
  // meanwhile, or typed wrong) is not an error there, and its answer says so.
  const byText = new Map(current.map((term) => [term.text.toLowerCase(), term]));
  const asked = [...new Set(form.remove.map((text) => text.trim()).filter((text) => text !== ''))];
  const removed: SubscriptionTerm[] = [];
  for (const text of asked) {
    const known = byText.get(text.toLowerCase());
    const parsed = known ? null : parseCommand(`unsubscribe ${text}`);
    if (known) removed.push(known);
    else if (parsed?.ok && parsed.value.kind === 'unsubscribe') removed.push(...parsed.value.terms);
    else if (parsed && !parsed.ok)
      errors.push({ field: 'remove', message: describeCommandError(parsed.error).message });
  }
  if (errors.length > 0) return err(errors);
  // Checked here, before anything is saved, so a form is not refused by the limit after its removals were saved.
  const kept = new Set(
    current.filter((term) => !removed.includes(term)).map((term) => term.text.toLowerCase()),
  );
  const fresh = new Set(add.map((term) => term.text.toLowerCase()).filter((text) => !kept.has(text)));
  const max = SUBSCRIPTION_LIMITS.maxTermsPerChannel;
  if (kept.size + fresh.size > max)
    return err([
      {
        field: 'add',
        message: `A channel can follow at most ${max} terms; this one would have ${kept.size + fresh.size}. Tick some to remove.`,
      },
    ]);
  return ok({ add, remove: removed });
}
