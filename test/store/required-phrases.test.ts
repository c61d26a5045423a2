import { describe, expect, it } from 'vitest';
import { requiredPhrases } from '../../src/store/required-phrases.js';

describe('requiredPhrases', () => {
  it('takes quoted phrases and hyphenated words, not plain words', () => {
    expect(requiredPhrases('"large language models" GPT-4o agents')).toEqual([
      'large language models',
      'GPT-4o',
    ]);
    expect(requiredPhrases('diffusion transformers')).toEqual([]);
  });

  it('leaves out what the query excludes', () => {
    expect(requiredPhrases('agents -"survey paper" -GPT-4o self-play')).toEqual(['self-play']);
  });

  it('requires nothing of a query whose parts Postgres may not all require', () => {
    // OR outside quotes, in any case, and a `-` standing alone (it excludes what follows).
    expect(requiredPhrases('"graph networks" OR transformers')).toEqual([]);
    expect(requiredPhrases('"graph networks" or transformers')).toEqual([]);
    expect(requiredPhrases('x - "large models"')).toEqual([]);
    // An open quote.
    expect(requiredPhrases('"large models')).toEqual([]);
  });

  it('keeps OR inside quotes as part of the phrase, and skips phrases it cannot read as Postgres does', () => {
    expect(requiredPhrases('"large or small"')).toEqual(['large or small']);
    expect(requiredPhrases('"large -models"')).toEqual([]);
    expect(requiredPhrases('foo"bar baz"')).toEqual([]);
    expect(requiredPhrases('"" x')).toEqual([]);
  });
});
