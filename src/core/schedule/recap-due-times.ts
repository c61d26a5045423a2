import type { RecapSchedule, Schedule } from '../channel.js';
import { dueSlotsBetween, nextDueAt, slotKey } from './due-times.js';

/**
 * The weekly recap as the schedule it behaves like: a cron expression of one minute on one weekday, read on the
 * wall clock of its timezone. So the recap follows the digests' daylight-saving rules exactly: a time skipped
 * by the change is due at the next valid minute, a time that occurs twice is due once, at its first occurrence.
 *
 * @example
 * recapAsSchedule({ enabled: true, weekday: 5, time: '16:00', timezone: 'Europe/Berlin' }).days;
 * // { kind: 'cron', expression: '0 16 * * 5' }
 */
export function recapAsSchedule(recap: RecapSchedule): Schedule {
  const [hour = '', minute = ''] = recap.time.split(':');
  return {
    enabled: recap.enabled,
    time: recap.time,
    timezone: recap.timezone,
    days: { kind: 'cron', expression: `${Number(minute)} ${Number(hour)} * * ${recap.weekday}` },
  };
}

/**
 * The first instant strictly after `after` at which the recap is due; null when it is off or cannot be
 * evaluated (an unknown timezone).
 *
 * @example
 * nextRecapAt({ enabled: true, weekday: 5, time: '16:00', timezone: 'Europe/Berlin' },
 *   new Date('2026-06-15T08:00:00Z')); // 2026-06-19T14:00:00.000Z
 */
export function nextRecapAt(recap: RecapSchedule, after: Date): Date | null {
  return nextDueAt(recapAsSchedule(recap), after);
}

/** Every instant in (`from`, `to`] at which the recap is due, ascending; empty when it is off. */
export function dueRecapsBetween(recap: RecapSchedule, from: Date, to: Date): Date[] {
  return dueSlotsBetween(recapAsSchedule(recap), from, to);
}

/**
 * The claim key of a recap due at an instant. Digests and recaps share the claims table, whose rows are
 * unique per (channel, slot): the prefix keeps a recap from ever taking, or being taken by, the digest of
 * the same minute.
 *
 * @example
 * recapSlotKey(new Date('2026-06-19T14:00:00Z')); // 'recap:2026-06-19T14:00Z'
 */
export const recapSlotKey = (dueAt: Date): string => `recap:${slotKey(dueAt)}`;
