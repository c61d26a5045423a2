import { formatDate, localDayAt, parseLocalDay, zonedDate, zonedTimeToInstant } from './zoned-time.js';

/**
 * Hugging Face keeps adding papers to a Daily Papers day until about 21:30 US Eastern time on that day; after
 * this the day is complete.
 */
export const DAILY_PAPERS_CUTOFF = { time: '21:30', timezone: 'America/New_York' } as const;

/**
 * The latest Daily Papers day `YYYY-MM-DD` that is complete at `at`: the latest day D whose 21:30 in New York
 * is at or before `at`. Weekends have no Daily Papers; callers take the latest day with data up to this one.
 *
 * @example
 * latestCompleteDailyPapersDay(new Date('2026-06-12T12:00:00Z')); // '2026-06-11'
 * latestCompleteDailyPapersDay(new Date('2026-06-13T02:00:00Z')); // '2026-06-12' (22:00 EDT on the 12th)
 */
export function latestCompleteDailyPapersDay(at: Date): string {
  const { time, timezone } = DAILY_PAPERS_CUTOFF;
  const today = zonedDate(at, timezone);
  if (zonedTimeToInstant(today, time, timezone).getTime() <= at.getTime()) return today;
  const yesterday = localDayAt(parseLocalDay(today).startWallMs, -1);
  return formatDate(yesterday.year, yesterday.month, yesterday.day);
}
