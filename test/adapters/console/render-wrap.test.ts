import { describe, expect, it } from 'vitest';
import { columns, wrapParts, wrapText } from '../../../src/adapters/console/render-wrap.js';

describe('wrapText', () => {
  it('wraps at spaces and indents every line', () => {
    expect(wrapText('alpha beta gamma delta', 13, '  ')).toEqual(['  alpha beta', '  gamma delta']);
  });

  it('uses a different first indent', () => {
    expect(wrapText('alpha beta gamma', 10, '   ', '1. ')).toEqual(['1. alpha', '   beta', '   gamma']);
  });

  it('breaks a word longer than a line', () => {
    expect(wrapText('abcdefghij k', 4)).toEqual(['abcd', 'efgh', 'ij k']);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(wrapText('😀😀😀 😀', 4)).toEqual(['😀😀😀', '😀']);
    expect(columns('▲ 42 · 💬 3')).toBe(10);
  });

  it('gives one (indent-only) line for empty text', () => {
    expect(wrapText('', 10, '  ')).toEqual(['  ']);
  });
});

describe('wrapParts', () => {
  it('never splits a part, and wraps a part longer than a line on its own', () => {
    expect(wrapParts(['▲ 42', '2026-06-12', 'code ★ 120'], 20, '  ')).toEqual([
      '  ▲ 42 · 2026-06-12',
      '  code ★ 120',
    ]);
    expect(wrapParts(['a', 'bbbbbbbbbbbb', 'c'], 8)).toEqual(['a', 'bbbbbbbb', 'bbbb', 'c']);
    expect(wrapParts([], 10)).toEqual([]);
  });
});
