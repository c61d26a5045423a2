import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/core/cards/card.js';
import { sanitizeCard, stripControlChars } from '../../../src/core/cards/sanitize.js';

const ESC = '\u001b';

describe('stripControlChars', () => {
  it('removes a whole CSI sequence and BEL from a title', () => {
    expect(stripControlChars(`Evil${ESC}[2J title\u0007`)).toBe('Evil title');
    expect(stripControlChars(`${ESC}[31;1mRed${ESC}[0m paper`)).toBe('Red paper');
  });

  it('removes OSC sequences such as hyperlinks and window titles, with either terminator', () => {
    expect(stripControlChars(`${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\ here`)).toBe(
      'click here',
    );
    expect(stripControlChars(`${ESC}]0;pwned\u0007Title`)).toBe('Title');
  });

  it('removes C1 controls, including the one-byte CSI', () => {
    expect(stripControlChars('a\u009b2Jb\u0085c\u0090dcs\u009cd')).toBe('abcd');
  });

  it('removes lone ESC, DEL, NUL and bidi overrides', () => {
    expect(stripControlChars(`a${ESC}b\u007fc\u0000d\u202eevil\u202c`)).toBe('acdevil');
  });

  it('turns line breaks and tabs into single spaces in one-line text', () => {
    expect(stripControlChars(' A\r\nwrapped\ttitle\u2028here ')).toBe('A wrapped title here');
  });

  it('keeps line breaks in multi-line text, normalising CR, trailing spaces and blank runs', () => {
    expect(
      stripControlChars('First  line  \r\nSecond\rThird\n\n\n\nFourth\t\u0007x', { multiline: true }),
    ).toBe('First line\nSecond\nThird\n\nFourth x');
  });

  it('keeps ordinary Unicode text', () => {
    expect(stripControlChars('Ünïcödé — 多模态 😀 ▲ 42')).toBe('Ünïcödé — 多模态 😀 ▲ 42');
  });
});

describe('sanitizeCard', () => {
  it('cleans every shown field and leaves action values alone', () => {
    const card: Card = {
      header: `H${ESC}[2J`,
      subheader: 'S\u0007',
      items: [
        {
          id: '2606.00001',
          title: `T${ESC}[1m`,
          url: 'https://arxiv.org/abs/2606.00001\u0007',
          upvotes: 1,
          comments: null,
          authors: `A${ESC}c`,
          date: '2026-06-12',
          code: { url: `https://github.com/x/y${ESC}[0m`, stars: 2 },
          summary: 'Sum\nmary',
          matchedTerm: `m\u0000`,
          abstract: `Ab\r\nstract${ESC}[2J`,
          links: [{ label: `L${ESC}[K`, url: 'https://x.example\u009b' }],
        },
      ],
      notices: [{ tone: 'error', text: `Line 1\nLine 2${ESC}[5m`, example: `/papers${ESC}[0m help` }],
      footer: `F\u0007`,
      actions: [{ kind: 'nextPage', label: `Next${ESC}[2J`, value: 'pb1:1:10:::q\u0007' }],
      fallback: `fb${ESC}[2J\nline`,
    };
    expect(sanitizeCard(card)).toEqual({
      header: 'H',
      subheader: 'S',
      items: [
        {
          id: '2606.00001',
          title: 'T',
          url: 'https://arxiv.org/abs/2606.00001',
          upvotes: 1,
          comments: null,
          authors: 'A',
          date: '2026-06-12',
          code: { url: 'https://github.com/x/y', stars: 2 },
          summary: 'Sum mary',
          matchedTerm: 'm',
          abstract: 'Ab\nstract',
          links: [{ label: 'L', url: 'https://x.example' }],
        },
      ],
      notices: [{ tone: 'error', text: 'Line 1\nLine 2', example: '/papers help' }],
      footer: 'F',
      actions: [{ kind: 'nextPage', label: 'Next', value: 'pb1:1:10:::q\u0007' }],
      fallback: 'fb\nline',
    });
  });
});
