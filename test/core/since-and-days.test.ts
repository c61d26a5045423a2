import { describe, expect, it } from 'vitest';
import { daysEndingOn, startOfUtcDay, utcDay } from '../../src/core/days.js';
import { parseSince } from '../../src/core/since.js';

const now = new Date('2026-06-12T15:30:00Z');

describe('parseSince', () => {
  it.each([
    ['7d', '2026-06-05T15:30:00.000Z'],
    ['2w', '2026-05-29T15:30:00.000Z'],
    ['1m', '2026-05-13T15:30:00.000Z'],
    ['2026-06-01', '2026-06-01T00:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(parseSince(text, now)).toEqual({ ok: true, value: new Date(expected) });
  });

  it.each(['yesterday', '7', 'd7', '2026-02-30', ''])('rejects %j with an example', (text) => {
    const result = parseSince(text, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('7d');
  });
});

describe('days', () => {
  it('lists days ending on a day, newest first, across a month boundary', () => {
    expect(daysEndingOn('2026-03-02', 3)).toEqual(['2026-03-02', '2026-03-01', '2026-02-28']);
  });

  it('gives UTC days and midnights', () => {
    expect(utcDay(new Date('2026-06-12T23:59:59Z'))).toBe('2026-06-12');
    expect(startOfUtcDay('2026-06-12', 1).toISOString()).toBe('2026-06-13T00:00:00.000Z');
  });
});
