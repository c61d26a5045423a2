import { describe, expect, it } from 'vitest';
import { CommandErrorId } from '../../../src/core/commands/command-error.js';
import { err, ok } from '../../../src/core/result.js';
import { parseTerms } from '../../../src/core/subscriptions/parse-terms.js';

describe('parseTerms', () => {
  it('reads words, phrases, exclusions, authors and categories into canonical text', () => {
    expect(
      parseTerms('lora "vision language" -survey -"literature review" author:"Ilse Marrow" category:cs.CL'),
    ).toEqual(
      ok([
        { kind: 'word', value: 'lora', text: 'lora' },
        { kind: 'phrase', value: 'vision language', text: '"vision language"' },
        { kind: 'exclude', value: 'survey', text: '-survey' },
        { kind: 'exclude', value: 'literature review', text: '-"literature review"' },
        { kind: 'author', value: 'Ilse Marrow', text: 'author:"Ilse Marrow"' },
        { kind: 'category', value: 'cs.CL', text: 'category:cs.CL' },
      ]),
    );
  });

  it('reads the curly quotes Slack and macOS insert', () => {
    expect(parseTerms('“Vision  Language” -“Literature Review” author:“Ilse Marrow”')).toEqual(
      ok([
        { kind: 'phrase', value: 'Vision Language', text: '"Vision Language"' },
        { kind: 'exclude', value: 'Literature Review', text: '-"Literature Review"' },
        { kind: 'author', value: 'Ilse Marrow', text: 'author:"Ilse Marrow"' },
      ]),
    );
  });

  it('lowercases words, keeps the case of phrases, authors and categories', () => {
    expect(parseTerms('LoRA -Survey author:Okafor category:hep-th CATEGORY:math.AG')).toEqual(
      ok([
        { kind: 'word', value: 'lora', text: 'lora' },
        { kind: 'exclude', value: 'survey', text: '-survey' },
        { kind: 'author', value: 'Okafor', text: 'author:"Okafor"' },
        { kind: 'category', value: 'hep-th', text: 'category:hep-th' },
        { kind: 'category', value: 'math.AG', text: 'category:math.AG' },
      ]),
    );
  });

  it('makes a quoted single word a word, and trims and collapses whitespace', () => {
    expect(parseTerms('  "  LoRA " -" Survey"  "  diffusion \t transformer  " ')).toEqual(
      ok([
        { kind: 'word', value: 'lora', text: 'lora' },
        { kind: 'exclude', value: 'survey', text: '-survey' },
        { kind: 'phrase', value: 'diffusion transformer', text: '"diffusion transformer"' },
      ]),
    );
  });

  it('drops duplicates, ignoring case, keeping the first', () => {
    expect(
      parseTerms(
        'lora LoRA "lora" "Vision Language" "vision language" author:"ilse marrow" author:"Ilse Marrow"',
      ),
    ).toEqual(
      ok([
        { kind: 'word', value: 'lora', text: 'lora' },
        { kind: 'phrase', value: 'Vision Language', text: '"Vision Language"' },
        { kind: 'author', value: 'ilse marrow', text: 'author:"ilse marrow"' },
      ]),
    );
  });

  it('keeps a colon inside quotes as text', () => {
    expect(parseTerms('"topic: lora"')).toEqual(
      ok([{ kind: 'phrase', value: 'topic: lora', text: '"topic: lora"' }]),
    );
  });

  it('keeps quotes on a word that would otherwise read as syntax', () => {
    expect(parseTerms('"re:invent" "-1" -"x:y"')).toEqual(
      ok([
        { kind: 'word', value: 're:invent', text: '"re:invent"' },
        { kind: 'word', value: '-1', text: '"-1"' },
        { kind: 'exclude', value: 'x:y', text: '-"x:y"' },
      ]),
    );
  });

  it('gives no terms for empty text', () => {
    expect(parseTerms('   ')).toEqual(ok([]));
  });

  it.each([
    ['a', 'a'],
    ['lora -x', '-x'],
    ['""', '""'],
    ['author:J', 'author:J'],
    ['author:""', 'author:""'],
    ['-', '-'],
  ])('rejects the short term in %j', (text, term) => {
    expect(parseTerms(text)).toEqual(err({ id: CommandErrorId.TermTooShort, detail: { term, min: 2 } }));
  });

  it('rejects a term over 100 characters, naming it', () => {
    const long = 'x'.repeat(101);
    expect(parseTerms(`lora ${long}`)).toEqual(
      err({ id: CommandErrorId.TermTooLong, detail: { term: long, length: 101, max: 100 } }),
    );
    expect(parseTerms('y'.repeat(100))).toEqual(
      ok([{ kind: 'word', value: 'y'.repeat(100), text: 'y'.repeat(100) }]),
    );
  });

  it.each(['lora "vision language', 'author:"Ilse Marrow', '-“literature review'])(
    'rejects the unclosed quote in %j',
    (text) => {
      const result = parseTerms(text);
      expect(result.ok ? undefined : result.error.id).toBe(CommandErrorId.UnclosedQuote);
    },
  );

  it.each([
    ['category:CS.CL', 'CS.CL'],
    ['category:hf', 'hf'],
    ['category:cs.CL.x', 'cs.CL.x'],
    ['category:', ''],
  ])('rejects the category in %j', (text, value) => {
    expect(parseTerms(text)).toEqual(err({ id: CommandErrorId.BadCategory, detail: { value } }));
  });

  it('rejects excluding an author or category', () => {
    expect(parseTerms('-author:"Ilse Marrow"')).toEqual(
      err({ id: CommandErrorId.BadExclusion, detail: { term: '-author:"Ilse Marrow"' } }),
    );
    expect(parseTerms('-category:cs.CL')).toEqual(
      err({ id: CommandErrorId.BadExclusion, detail: { term: '-category:cs.CL' } }),
    );
  });

  it('rejects other keys, listing author: and category:', () => {
    expect(parseTerms('lora topic:vision')).toEqual(
      err({
        id: CommandErrorId.UnknownOption,
        detail: { option: 'topic', valid: 'author:, category:', context: 'subscribe' },
      }),
    );
  });
});
