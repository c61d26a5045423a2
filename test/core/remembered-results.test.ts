import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/core/digest/digest-card.js';
import { rememberResults } from '../../src/core/remembered-results.js';
import { extractiveTldr } from '../../src/core/tldr/extractive-tldr.js';

describe('remembered results', () => {
  it('computes each key once while it is among the latest, forgetting the one used longest ago', () => {
    const computed: string[] = [];
    const upper = rememberResults((key) => {
      computed.push(key);
      return key.toUpperCase();
    }, 2);

    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(computed).toEqual(['a', 'b']);
    // 'a' was used after 'b', so a third key pushes out 'b'.
    upper('c');
    upper('a');
    upper('b');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('remembers results that are falsy too', () => {
    let calls = 0;
    const empty = rememberResults(() => {
      calls += 1;
      return '';
    }, 5);
    empty('x');
    empty('x');
    expect(calls).toBe(1);
  });

  it('gives the same TL;DR for the same abstract and length as computing it afresh', () => {
    const abstract =
      'Recent models have shown strong results. We propose Tiny-LoRA, an adapter that trains 3x faster. ' +
      'It is simple.';
    expect(extractiveTldr(abstract)).toBe('We propose Tiny-LoRA, an adapter that trains 3x faster.');
    expect(extractiveTldr(abstract)).toBe('We propose Tiny-LoRA, an adapter that trains 3x faster.');
    // The length is part of what is remembered.
    expect(extractiveTldr(abstract, 30)).toBe('We propose Tiny-LoRA, an…');
    expect(
      extractiveTldr('A | pipe in the abstract, which the key uses to separate. We show it works.', 200),
    ).toBe('A | pipe in the abstract, which the key uses to separate.');
  });

  it('formats a day with one formatter, and gives back a day it cannot read as it was', () => {
    expect(formatDay('2026-06-12')).toBe('Fri, 12 Jun 2026');
    expect(formatDay('not a day')).toBe('not a day');
  });
});
