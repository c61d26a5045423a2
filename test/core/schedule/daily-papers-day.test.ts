import { describe, expect, it } from 'vitest';
import {
  DAILY_PAPERS_CUTOFF,
  latestCompleteDailyPapersDay,
} from '../../../src/core/schedule/daily-papers-day.js';

const day = (at: string): string => latestCompleteDailyPapersDay(new Date(at));

describe('latestCompleteDailyPapersDay', () => {
  it('cuts off at 21:30 New York time', () => {
    expect(DAILY_PAPERS_CUTOFF).toEqual({ time: '21:30', timezone: 'America/New_York' });
  });

  it('gives yesterday during the day and today after the cutoff (EDT, UTC-4)', () => {
    expect(day('2026-06-12T12:00:00Z')).toBe('2026-06-11');
    expect(day('2026-06-13T01:29:59Z')).toBe('2026-06-11'); // 21:29:59 EDT on the 12th
    expect(day('2026-06-13T01:30:00Z')).toBe('2026-06-12'); // 21:30 EDT on the 12th
    expect(day('2026-06-13T02:00:00Z')).toBe('2026-06-12');
    expect(day('2026-06-13T03:59:00Z')).toBe('2026-06-12'); // 23:59 EDT
    expect(day('2026-06-13T04:00:00Z')).toBe('2026-06-12'); // 00:00 EDT on the 13th
  });

  it('moves the cutoff to 02:30 UTC in winter (EST, UTC-5)', () => {
    expect(day('2026-01-16T02:29:59Z')).toBe('2026-01-14'); // 21:29:59 EST on the 15th
    expect(day('2026-01-16T02:30:00Z')).toBe('2026-01-15'); // 21:30 EST on the 15th
  });

  it('returns the calendar day even at weekends and across a month', () => {
    expect(day('2026-06-14T12:00:00Z')).toBe('2026-06-13'); // a Saturday
    expect(day('2026-03-01T12:00:00Z')).toBe('2026-02-28');
  });
});
