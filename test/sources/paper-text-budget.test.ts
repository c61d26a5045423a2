import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutToBudget } from '../../src/sources/paper-text-budget.js';

const PAPER = [
  'Abstract',
  'We propose a shared basis for low-rank adapters.',
  '1 Introduction',
  'Adapters are cheap to train, but every layer keeps its own basis, which wastes memory on large models.',
].join('\n\n');

describe('cutToBudget', () => {
  it('returns text that fits unchanged', () => {
    expect(cutToBudget(PAPER, PAPER.length)).toBe(PAPER);
    expect(cutToBudget('', 10)).toBe('');
  });

  it('keeps whole paragraphs from the start, then cuts the next one at a word', () => {
    expect(cutToBudget(PAPER, 120)).toBe(
      'Abstract\n\nWe propose a shared basis for low-rank adapters.\n\n1 Introduction\n\nAdapters are cheap to train, but every…',
    );
  });

  it('stops at whole paragraphs when too little room is left for a cut one', () => {
    expect(cutToBudget(PAPER, 80)).toBe(
      'Abstract\n\nWe propose a shared basis for low-rank adapters.\n\n1 Introduction',
    );
  });

  it('cuts a first paragraph that is longer than the budget', () => {
    expect(cutToBudget('A first paragraph that is far too long.\n\nSecond.', 20)).toBe('A first paragraph…');
  });

  it('treats blank lines with spaces or CRLF as paragraph breaks', () => {
    expect(cutToBudget('One para.\r\n \r\nTwo para.\n\nThree para that does not fit.', 22)).toBe(
      'One para.\n\nTwo para.',
    );
  });

  it('gives "" for a budget below one', () => {
    expect(cutToBudget(PAPER, 0)).toBe('');
    expect(cutToBudget(PAPER, Number.NaN)).toBe('');
  });

  it('never exceeds the budget and always starts like the text (property)', () => {
    const text = fc
      .array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('\n\n', '\n', ' ', 'word')), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: -2, max: 300 }), (input, max) => {
        const cut = cutToBudget(input, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(0, max));
        if (input.length <= max) expect(cut).toBe(input);
      }),
    );
  });
});
