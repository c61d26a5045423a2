import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firstSentence,
  formatAuthors,
  oneLine,
  sentences,
  truncateAtWord,
} from '../../../src/core/cards/text.js';

const hasLoneSurrogate = (text: string): boolean =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('truncateAtWord', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateAtWord('Sparse attention', 16)).toBe('Sparse attention');
    expect(truncateAtWord('', 5)).toBe('');
  });

  it('cuts at the last word boundary that leaves room for the ellipsis', () => {
    expect(truncateAtWord('Sparse attention for long contexts', 20)).toBe('Sparse attention…');
    expect(truncateAtWord('Sparse attention for long contexts', 21)).toBe('Sparse attention for…');
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    expect(truncateAtWord('Fast, cheap, and good enough', 13)).toBe('Fast, cheap…');
    expect(truncateAtWord('Training — and what follows', 12)).toBe('Training…');
  });

  it('cuts a first word longer than max mid-word', () => {
    expect(truncateAtWord('Supercalifragilistic models', 10)).toBe('Supercali…');
    expect(truncateAtWord('Supercalifragilistic', 10)).toHaveLength(10);
  });

  it('cuts mid-word rather than keep less than half the room', () => {
    expect(truncateAtWord('A https://example.org/a/very/long/path/to/a/thing', 20)).toBe(
      'A https://example.o…',
    );
  });

  it('drops trailing whitespace instead of truncating when the rest fits', () => {
    expect(truncateAtWord('exact   ', 5)).toBe('exact');
  });

  it('handles tiny and nonsensical limits', () => {
    expect(truncateAtWord('hello', 1)).toBe('…');
    expect(truncateAtWord('hello', 0)).toBe('');
    expect(truncateAtWord('hello', -3)).toBe('');
    expect(truncateAtWord('hello', Number.NaN)).toBe('');
    expect(truncateAtWord('hello world', 7.9)).toBe('hello…');
  });

  it('never splits a surrogate pair', () => {
    expect(truncateAtWord('😀😀😀😀', 4)).toBe('😀…');
  });

  it('drops trailing whitespace instead of cutting when that is enough', () => {
    expect(truncateAtWord('   \u{10000}\u{10000}  \u{10000} ', 11)).toBe('   \u{10000}\u{10000}  \u{10000}');
  });

  it('never exceeds max and never leaves a lone surrogate (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: -5, max: 250 }),
        (text, max) => {
          const cut = truncateAtWord(text, max);
          expect(cut.length).toBeLessThanOrEqual(Math.max(0, max));
          expect(hasLoneSurrogate(cut)).toBe(false);
          if (text.length <= max) expect(cut).toBe(text);
          // Trailing whitespace is dropped before anything is cut.
          else if (text.trimEnd().length <= max) expect(cut).toBe(text.trimEnd());
          else if (max >= 1) expect(cut.endsWith('…')).toBe(true);
        },
      ),
    );
  });
});

describe('firstSentence', () => {
  it('takes the first sentence of an abstract', () => {
    const abstract =
      'Cooperating language models usually talk in text, a lossy and costly round-trip through tokens. Hidden-state exchange is a promising alternative.';
    expect(firstSentence(abstract, 200)).toBe(
      'Cooperating language models usually talk in text, a lossy and costly round-trip through tokens.',
    );
  });

  it('does not stop at e.g. or i.e.', () => {
    const abstract =
      'Household robots handle things with moving, jointed parts, e.g., drawers, lids, doors. They must perceive which part moves.';
    expect(firstSentence(abstract, 200)).toBe(
      'Household robots handle things with moving, jointed parts, e.g., drawers, lids, doors.',
    );
    expect(firstSentence('Use a prior, i.e. a Gaussian. Then sample.', 200)).toBe(
      'Use a prior, i.e. a Gaussian.',
    );
    expect(firstSentence('We compare e.g. LoRA and DoRA. Results follow.', 200)).toBe(
      'We compare e.g. LoRA and DoRA.',
    );
  });

  it('does not stop at et al., Fig. 2, Eq. (3), vs. or U.S.', () => {
    expect(firstSentence('Following Smith et al. We extend it. More.', 200)).toBe(
      'Following Smith et al. We extend it.',
    );
    expect(firstSentence('As shown in Fig. 2 the loss drops. Next.', 200)).toBe(
      'As shown in Fig. 2 the loss drops.',
    );
    expect(firstSentence('We minimise Eq. (3) directly. Next.', 200)).toBe('We minimise Eq. (3) directly.');
    expect(firstSentence('GPT-4 vs. Llama on U.S. Census data. Next.', 200)).toBe(
      'GPT-4 vs. Llama on U.S. Census data.',
    );
  });

  it('does not stop inside decimals or before a lower-case word', () => {
    expect(firstSentence('Accuracy rises by 3.5 points over v2.1 baselines. Next.', 200)).toBe(
      'Accuracy rises by 3.5 points over v2.1 baselines.',
    );
    expect(firstSentence('The approx. cost is low. Next.', 200)).toBe('The approx. cost is low.');
  });

  it('ends at a question or exclamation mark', () => {
    expect(
      firstSentence(
        'Do personality questionnaires measure language models at all? We find they often do not.',
        200,
      ),
    ).toBe('Do personality questionnaires measure language models at all?');
    expect(firstSentence('It works! Really.', 200)).toBe('It works!');
  });

  it('keeps a closing quote or bracket with the full stop', () => {
    expect(firstSentence('We call it "Handle." It grasps tools.', 200)).toBe('We call it "Handle."');
  });

  it('joins hard-wrapped lines and truncates a long sentence at a word', () => {
    expect(firstSentence('Long\n  wrapped   sentence that keeps going. Next.', 20)).toBe('Long wrapped…');
  });

  it('returns the whole text when it has no sentence end, and "" for none', () => {
    expect(firstSentence('No full stop here', 200)).toBe('No full stop here');
    expect(firstSentence('   ', 200)).toBe('');
  });
});

describe('sentences', () => {
  it('splits an abstract by the rules of firstSentence', () => {
    expect(
      sentences(
        'Following Smith et al. we extend it, e.g. to 3.5 bits.\n  Fig. 2 shows why! Does it scale? Yes',
      ),
    ).toEqual([
      'Following Smith et al. we extend it, e.g. to 3.5 bits.',
      'Fig. 2 shows why!',
      'Does it scale?',
      'Yes',
    ]);
  });

  it('gives [] for blank text', () => {
    expect(sentences('')).toEqual([]);
    expect(sentences(' \n ')).toEqual([]);
  });

  it('keeps every character: the sentences joined by spaces are the text on one line (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sentences(text).join(' ')).toBe(oneLine(text));
      }),
    );
  });

  it('leaves firstSentence as it was before sentences existed (property)', () => {
    const pieces = fc.constantFrom(
      'We',
      ' ',
      '.',
      'e.g.',
      'al.',
      'Fig.',
      ' 2',
      '3.5',
      'U.S.',
      '?',
      '!',
      '"',
      ')',
      'x',
      'A',
      '\n',
      '\u{1d400}',
      'é',
      'x'.repeat(70),
      '\u{1d400}.'.repeat(40),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), fc.integer({ min: 1, max: 120 }), (parts, max) => {
        const text = parts.join('');
        expect(firstSentence(text, max)).toBe(firstSentenceBefore(text, max));
      }),
    );
  });
});

/** firstSentence as written before `sentences` was extracted, kept to check nothing changed. */
const firstSentenceBefore = (text: string, max: number): string => {
  const line = oneLine(text);
  let cut: number | null = null;
  for (const match of line.matchAll(/[.!?]+["'”’)\]]*(?=\s|$)/gu)) {
    const end = match.index + match[0].length;
    const next = line.slice(end).trimStart().charAt(0);
    if (next !== '' && /\p{Ll}/u.test(next)) continue;
    if (match[0].startsWith('.') && abbreviationBefore(line.slice(0, match.index), next)) continue;
    cut = end;
    break;
  }
  return truncateAtWord(cut === null ? line : line.slice(0, cut), max);
};

const abbreviationBefore = (before: string, next: string): boolean => {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
  if (word === '') return false;
  const plain = ['al', 'approx', 'cf', 'e.g', 'eg', 'i.e', 'ie', 'resp', 'viz', 'vs', 'w.r.t', 'wrt'];
  const numbered = ['eq', 'eqs', 'fig', 'figs', 'no', 'nos', 'ref', 'refs', 'sec', 'secs', 'tab'];
  if (plain.includes(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return numbered.includes(word) && /[\d([]/.test(next);
};

describe('formatAuthors', () => {
  it('lists up to three authors and adds et al. for more', () => {
    expect(formatAuthors([])).toBe('');
    expect(formatAuthors(['Ada Lovelace'])).toBe('Ada Lovelace');
    expect(formatAuthors(['Ada Lovelace', 'Alan Turing'])).toBe('Ada Lovelace, Alan Turing');
    expect(formatAuthors(['Ada Lovelace', 'Alan Turing', 'Grace Hopper'])).toBe(
      'Ada Lovelace, Alan Turing, Grace Hopper',
    );
    expect(formatAuthors(['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'])).toBe(
      'Ada Lovelace, Alan Turing, Grace Hopper et al.',
    );
  });

  it('skips blank names and normalises whitespace', () => {
    expect(formatAuthors([' ', 'Ada\n Lovelace', ''])).toBe('Ada Lovelace');
  });
});

describe('oneLine', () => {
  it('collapses whitespace runs and trims', () => {
    expect(oneLine('  a\n\tb  c ')).toBe('a b c');
  });
});
