import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createButtonCodec } from '../../../src/adapters/discord/buttons.js';
import { feedbackOfComponent, feedbackRows } from '../../../src/adapters/discord/feedback-controls.js';
import type { PaperItem } from '../../../src/core/cards/card.js';
import { readFeedbackValue } from '../../../src/core/feedback/feedback.js';
import { componentLimitError } from '../../helpers/fake-discord-limits.js';

const item = (index: number, overrides: Partial<PaperItem> = {}): PaperItem => ({
  id: `2606.${String(90000 + index)}`,
  title: `Paper number ${index} about sparse attention`,
  url: `https://huggingface.co/papers/2606.${90000 + index}`,
  upvotes: 10,
  comments: null,
  authors: 'Ada Lovelace',
  date: '2026-06-12',
  code: null,
  summary: 'A summary.',
  matchedTerm: null,
  abstract: 'An abstract.',
  links: [],
  ...overrides,
});
const items = (count: number) => Array.from({ length: count }, (_, index) => item(index + 1));

type Control = {
  type: number;
  custom_id: string;
  label?: string;
  emoji?: { name: string };
  options?: { label: string; value: string }[];
  placeholder?: string;
};
const controls = (rows: ReturnType<typeof feedbackRows>) =>
  rows.flatMap((row) => row.components) as unknown as Control[];

describe('the feedback controls of a message', () => {
  it('gives one paper a row of three labelled buttons carrying the core’s values', () => {
    const rows = feedbackRows([item(1)], { start: 1, rows: 5 });
    expect(rows).toHaveLength(1);
    expect(controls(rows).map((control) => [control.emoji?.name, control.label, control.custom_id])).toEqual([
      ['👍', 'Relevant', 'f|fb1:r:2606.90001'],
      ['👎', 'Not relevant', 'f|fb1:n:2606.90001'],
      ['🔖', 'Save', 'f|fb1:s:2606.90001'],
    ]);
  });

  it('gives each paper a row of buttons while there are rows, the first naming the paper by its number', () => {
    const rows = feedbackRows(items(4), { start: 6, rows: 4 });
    expect(rows).toHaveLength(4);
    const first = rows[0]?.components as unknown as Control[];
    expect(first.map((control) => control.type)).toEqual([2, 2, 2]);
    expect(first[0]?.label).toBe('6. Paper number 1 about sparse attention');
    expect(first[1]?.label).toBeUndefined();
    expect(first[1]?.emoji?.name).toBe('👎');
    expect((rows[3]?.components[0] as unknown as Control | undefined)?.label).toMatch(/^9\. /);
  });

  it('switches to three select menus, one per kind, when the papers outnumber the rows', () => {
    const rows = feedbackRows(items(5), { start: 1, rows: 4 });
    expect(rows).toHaveLength(3);
    const menus = controls(rows);
    expect(menus.map((menu) => [menu.type, menu.custom_id, menu.placeholder])).toEqual([
      [3, 'f|pick:r', '👍 Relevant: pick a paper'],
      [3, 'f|pick:n', '👎 Not relevant: pick a paper'],
      [3, 'f|pick:s', '🔖 Save: pick a paper'],
    ]);
    expect(menus[2]?.options?.map((option) => option.value)).toEqual(
      items(5).map((paper) => `fb1:s:${paper.id}`),
    );
    expect(menus[0]?.options?.[4]?.label).toBe('5. Paper number 5 about sparse attention');
  });

  it('lists at most 25 papers in a menu, and gives a paper listed twice one control', () => {
    expect(controls(feedbackRows(items(30), { start: 1, rows: 5 }))[0]?.options).toHaveLength(25);
    const twice = feedbackRows([item(1), item(2), item(1)], { start: 1, rows: 5 });
    expect(twice).toHaveLength(2);
    expect(componentLimitError(twice)).toBeNull();
  });

  it('keeps untrusted titles plain in labels: control characters gone, never empty, within 100', () => {
    const evil = item(1, { title: `\u001b[2J${'x'.repeat(300)}` });
    const [menu] = controls(feedbackRows([evil, item(2), item(3)], { start: 1, rows: 2 }));
    const label = menu?.options?.[0]?.label ?? '';
    expect(label).not.toContain('\u001b');
    expect(label.length).toBeLessThanOrEqual(100);
    const blank = controls(feedbackRows([item(1, { title: '   ' }), item(2)], { start: 1, rows: 5 }));
    expect(blank[0]?.label).toBe('1. arXiv 2606.90001');
  });

  it('stays within Discord’s component limits for any number of papers and free rows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 }), (count, rows) => {
        const drawn = feedbackRows(items(count), { start: 1, rows });
        expect(componentLimitError(drawn)).toBeNull();
        expect(drawn.length).toBeLessThanOrEqual(rows);
        const next = createButtonCodec().components([{ kind: 'nextPage', label: 'Next', value: 'pb1:1' }]);
        if (rows <= 4) expect(componentLimitError([...drawn, ...next])).toBeNull();
        // Every paper that has controls has all three, and every control reads back as the core's value.
        const values = controls(drawn).flatMap((control) =>
          control.options ? control.options.map((option) => option.value) : [control.custom_id.slice(2)],
        );
        for (const value of values) expect(readFeedbackValue(value)).not.toBeNull();
        if (count > 0 && rows >= 3) expect(values).toHaveLength(3 * Math.min(count, 25));
      }),
    );
  });
});

describe('reading a clicked feedback control', () => {
  it('reads a button’s value from its custom_id and a menu’s from the one value chosen, of its own kind', () => {
    expect(feedbackOfComponent({ custom_id: 'f|fb1:s:2606.93392' })).toBe('fb1:s:2606.93392');
    expect(feedbackOfComponent({ custom_id: 'f|pick:r', values: ['fb1:r:2606.93392'] })).toBe(
      'fb1:r:2606.93392',
    );
  });

  it('gives "" (refused by the core) for a forged menu: another kind, no value, two values, unknown menu', () => {
    expect(feedbackOfComponent({ custom_id: 'f|pick:r', values: ['fb1:n:2606.93392'] })).toBe('');
    expect(feedbackOfComponent({ custom_id: 'f|pick:r', values: [] })).toBe('');
    expect(
      feedbackOfComponent({ custom_id: 'f|pick:r', values: ['fb1:r:2606.93392', 'fb1:r:2606.93681'] }),
    ).toBe('');
    expect(feedbackOfComponent({ custom_id: 'f|pick:x', values: ['fb1:r:2606.93392'] })).toBe('');
    expect(feedbackOfComponent({ custom_id: 'f|fb1:r:2606.93392', values: ['fb1:r:2606.93392'] })).toBe('');
  });

  it('passes a tampered button value on as it is (the core refuses it) and ignores other components', () => {
    expect(feedbackOfComponent({ custom_id: 'f|fb1:x:2606.93392' })).toBe('fb1:x:2606.93392');
    expect(feedbackOfComponent({ custom_id: 'n|pb1:1:5:::lora' })).toBeNull();
    expect(feedbackOfComponent({ custom_id: 'someone-elses-button' })).toBeNull();
  });
});
