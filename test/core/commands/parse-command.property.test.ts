import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCommandError } from '../../../src/core/commands/command-error.js';
import { parseCommand } from '../../../src/core/commands/parse-command.js';
import { parseTerms } from '../../../src/core/subscriptions/parse-terms.js';

/** Pieces of the grammar, good and bad, to build commands that reach deep into the parser. */
const TOKENS = [
  '/papers',
  'today',
  'week',
  'help',
  '?',
  '--help',
  'paper',
  '2606.00467',
  'arXiv:2606.00467v2',
  'hep-th/9901001',
  'https://arxiv.org/abs/2606.00467',
  'https://huggingface.co/papers/2606.00467',
  '<https://x.org|y>',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'subs',
  'list',
  'schedule',
  'off',
  'cron',
  'config',
  'settings',
  'digest',
  'now',
  'lora',
  'LoRA',
  '-survey',
  '-',
  '--',
  '"',
  '“',
  '”',
  '„',
  '"vision language"',
  '-"literature review"',
  'author:',
  'author:"Ilse Marrow"',
  'author:marrow',
  'category:cs.CL',
  'category:',
  'category:CS',
  'topic:',
  'topic:"diffusion transformers"',
  'since:7d',
  'since:',
  'since:2026-02-30',
  'limit:5',
  'limit:500',
  'limit:',
  'sort:upvotes',
  'sort:',
  'page:2',
  'page:0',
  'foo:bar',
  '-since:7d',
  '09:30',
  '9:30',
  '24:00',
  '9am',
  '13pm',
  'Europe/Berlin',
  'europe/berlin',
  'Berlin',
  'UTC',
  'Mars/Base',
  'daily',
  'weekdays',
  'weekends',
  '"30 9 * * 1-5"',
  '*',
  '*/15',
  '1-5',
  'MON-FRI',
  'JAN',
  '60',
  'top:7',
  'top:',
  'min-upvotes:10',
  'sources:hf,cs.LG',
  'sources:hf,',
  'cs.LG',
  'threads:off',
  'alerts:instant',
  'empty:maybe',
  'constructor:',
  '__proto__:x',
  'toString',
  'x'.repeat(120),
  'subscrbe',
  'setings',
  ':',
  '::',
  '\u00a0',
  '\t',
  '\n',
  '𝓁𝑜𝓇𝒶',
  '\ud800',
];

const grammarText = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 10 })
  .chain((tokens) =>
    fc
      .array(fc.constantFrom(' ', '', '  ', '\t'), { minLength: tokens.length, maxLength: tokens.length })
      .map((gaps) => tokens.map((token, index) => `${token}${gaps[index] ?? ' '}`).join('')),
  );

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  grammarText,
  grammarText.map((text) => `subscribe ${text}`),
  grammarText.map((text) => `schedule ${text}`),
  grammarText.map((text) => `config ${text}`),
);

describe('parseCommand on any text', () => {
  it('never throws, and every error it gives renders to a message and an example', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseCommand(text);
        if (!result.ok) {
          const { message, example } = describeCommandError(result.error);
          expect(message.length).toBeGreaterThan(0);
          expect(example).toMatch(/^\/papers /);
          expect(parseCommand(example).ok).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives terms within the length limits, with distinct texts', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseTerms(text);
        if (!result.ok) return;
        const texts = result.value.map((term) => term.text.toLowerCase());
        expect(new Set(texts).size).toBe(texts.length);
        for (const term of result.value) {
          expect(Array.from(term.value).length).toBeGreaterThanOrEqual(2);
          expect(Array.from(term.value).length).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the canonical text of terms back as the same terms', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseTerms(text);
        if (!result.ok) return;
        const again = parseTerms(result.value.map((term) => term.text).join(' '));
        expect(again).toEqual(result);
      }),
      { numRuns: 1000 },
    );
  });
});
