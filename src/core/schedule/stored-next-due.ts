import type { RecapSchedule, Schedule } from '../channel.js';
import { MAX_SEARCH_DAYS, nextDueAt } from './due-times.js';
import { recapAsSchedule } from './recap-due-times.js';

const DAY_MS = 86_400_000;

/**
 * The next-due time the scheduler stores for a channel's digest: the first instant after `after` at which it is
 * due, so that ticks before it need not look at the channel; null when the digest is off. A schedule that is on
 * but never due (an unknown timezone, `0 0 31 2 *`) is looked at again once the days `nextDueAt` searched have
 * passed, instead of on every tick.
 *
 * @example
 * storedNextDigest({ enabled: true, time: '09:00', timezone: 'Europe/Berlin', days: { kind: 'daily' } },
 *   new Date('2026-06-12T08:00:00Z')); // 2026-06-13T07:00:00.000Z
 */
export function storedNextDigest(schedule: Schedule, after: Date): Date | null {
  if (!schedule.enabled) return null;
  return nextDueAt(schedule, after) ?? new Date(after.getTime() + MAX_SEARCH_DAYS * DAY_MS);
}

/** The same for the weekly recap. */
export function storedNextRecap(recap: RecapSchedule, after: Date): Date | null {
  return storedNextDigest(recapAsSchedule(recap), after);
}
