import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/commands/parse-command.js';
import { subscriptionsFromForm } from '../../../src/core/commands/subscriptions-form.js';
import type { SubscriptionTerm } from '../../../src/core/subscriptions/term.js';

const termsOf = (text: string): SubscriptionTerm[] => {
  const parsed = parseCommand(`subscribe ${text}`);
  if (!parsed.ok || parsed.value.kind !== 'subscribe') throw new Error(text);
  return parsed.value.terms;
};

describe('subscriptionsFromForm', () => {
  const current = termsOf('lora -survey author:"Ilse Marrow"');

  it('reads added terms as /papers subscribe does, and ticked ones as the channel has them', () => {
    expect(
      subscriptionsFromForm(
        { add: ' "vision language" category:cs.CL ', remove: ['-SURVEY', 'lora'] },
        current,
      ),
    ).toEqual({
      ok: true,
      value: { add: termsOf('"vision language" category:cs.CL'), remove: [current[1], current[0]] },
    });
    expect(subscriptionsFromForm({ add: '', remove: [] }, current)).toEqual({
      ok: true,
      value: { add: [], remove: [] },
    });
  });

  it('refuses bad syntax in either field with the commands’ messages', () => {
    const result = subscriptionsFromForm({ add: '"unclosed', remove: ['"also unclosed'] }, current);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((error) => error.field)).toEqual(['add', 'remove']);
    const subscribe = parseCommand('subscribe "unclosed');
    const unsubscribe = parseCommand('unsubscribe "also unclosed');
    expect(subscribe.ok || unsubscribe.ok).toBe(false);
    expect(result.error[0]?.message).not.toBe('');
    expect(result.error[1]?.message).not.toBe('');
  });

  it('passes a term the channel does not follow on to unsubscribe, which says so, as the command does', () => {
    expect(subscriptionsFromForm({ add: '', remove: ['diffusion'] }, current)).toEqual({
      ok: true,
      value: { add: [], remove: termsOf('diffusion') },
    });
  });

  it('refuses going over the limit before anything is saved, counting what is removed first', () => {
    const many = Array.from({ length: 50 }, (_, index) => ({
      kind: 'word' as const,
      value: `t${index}`,
      text: `t${index}`,
    }));
    const over = subscriptionsFromForm({ add: 'lora', remove: [] }, many);
    expect(over.ok).toBe(false);
    if (!over.ok)
      expect(over.error[0]).toMatchObject({ field: 'add', message: expect.stringContaining('at most 50') });
    expect(subscriptionsFromForm({ add: 'lora', remove: ['t3'] }, many).ok).toBe(true);
    // A term the channel keeps does not count twice.
    expect(subscriptionsFromForm({ add: 't1', remove: [] }, many).ok).toBe(true);
  });
});
