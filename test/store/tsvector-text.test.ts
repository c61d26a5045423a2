import { describe, expect, it } from 'vitest';
import { parseTsvector } from '../../src/store/tsvector-text.js';

describe('parseTsvector', () => {
  it('counts each position in the field its weight label names', () => {
    const words = parseTsvector("'attent':3A,17 'spars':2A,9B 'helix':1A 'genom':20");
    expect(Object.fromEntries(words.title)).toEqual({ attent: 1, spars: 1, helix: 1 });
    expect(Object.fromEntries(words.keywords)).toEqual({ spars: 1 });
    expect(Object.fromEntries(words.abstract)).toEqual({ attent: 1, genom: 1 });
  });

  it('reads author names (C), lexemes without positions and quotes inside lexemes', () => {
    const words = parseTsvector("'quarrington':4C 'bare' 'o''neil':5C 'back\\\\slash':6");
    expect(Object.fromEntries(words.authors)).toEqual({ quarrington: 1, "o'neil": 1 });
    expect(Object.fromEntries(words.abstract)).toEqual({ bare: 1, 'back\\slash': 1 });
  });
});
