import type { Schedule } from '../channel.js';
import { planSchedule, type SchedulePlan } from './schedule-plan.js';
import { createDayResolver, localDayAt, parseLocalDay, zonedDate } from './zoned-time.js';

/**
 * How many local days `nextDueAt` looks ahead. Eight years and a bit, so that a cron for 29 February finds its
 * day even across 2100, which is not a leap year; an expression that matches no day (`0 0 31 2 *`) gives null.
 */
export const MAX_SEARCH_DAYS = 8 * 366 + 2;

/**
 * The due instants strictly after `after`, ascending and distinct, for local days up to `lastDay` (the wall
 * milliseconds of its midnight). Days without a due minute cost no `Intl` call.
 */
function* dueInstantsAfter(plan: SchedulePlan, after: Date, lastDayStartWallMs: number): Generator<Date> {
  const firstDay = parseLocalDay(zonedDate(after, plan.timezone));
  let previous = after.getTime();
  for (let offset = -1; ; offset++) {
    const day = localDayAt(firstDay.startWallMs, offset);
    if (day.startWallMs > lastDayStartWallMs) return;
    const minutes = plan.minutesOn(day);
    if (minutes.length === 0) continue;
    const resolve = createDayResolver(day, plan.timezone);
    for (const minute of minutes) {
      const instant = resolve(minute);
      // Gap minutes all resolve to the transition; keep one.
      if (instant.getTime() <= previous) continue;
      previous = instant.getTime();
      yield instant;
    }
  }
}

function localDayStart(at: Date, timezone: string, addDays: number): number {
  return localDayAt(parseLocalDay(zonedDate(at, timezone)).startWallMs, addDays).startWallMs;
}

/**
 * The first instant strictly after `after` at which the schedule is due; null when it is disabled, cannot be
 * evaluated (see `validateSchedule`), or matches no day within `MAX_SEARCH_DAYS`.
 *
 * Daily and weekday schedules are due at `time` in `timezone` (weekdays: Monday to Friday there). A cron
 * expression is matched against the wall clock of `timezone`. A wall time skipped by daylight saving is due at
 * the next valid minute; a wall time that occurs twice is due once, at its first occurrence.
 *
 * @example
 * nextDueAt({ enabled: true, time: '09:00', timezone: 'Europe/Berlin', days: { kind: 'daily' } },
 *   new Date('2026-06-12T08:00:00Z')); // 2026-06-13T07:00:00.000Z
 */
export function nextDueAt(schedule: Schedule, after: Date): Date | null {
  if (!schedule.enabled) return null;
  const plan = planSchedule(schedule);
  if (!plan.ok) return null;
  const lastDay = localDayStart(after, plan.value.timezone, MAX_SEARCH_DAYS);
  const next = dueInstantsAfter(plan.value, after, lastDay).next();
  return next.done ? null : next.value;
}

/**
 * Every instant in (`from`, `to`] at which the schedule is due, ascending: the slot that is due now and those
 * missed while the bot was down. Empty when the schedule is disabled or cannot be evaluated.
 *
 * @example
 * dueSlotsBetween(weekdaysAtNine, lastRun, now).map(slotKey); // ['2026-06-12T07:00Z']
 */
export function dueSlotsBetween(schedule: Schedule, from: Date, to: Date): Date[] {
  if (!schedule.enabled || to.getTime() <= from.getTime()) return [];
  const plan = planSchedule(schedule);
  if (!plan.ok) return [];
  const slots: Date[] = [];
  for (const instant of dueInstantsAfter(plan.value, from, localDayStart(to, plan.value.timezone, 1))) {
    if (instant.getTime() > to.getTime()) break;
    slots.push(instant);
  }
  return slots;
}

/**
 * A stable id of a due slot, the instant to the minute in UTC; a digest is posted once per channel and slot.
 *
 * @example
 * slotKey(new Date('2026-06-12T07:00:00Z')); // '2026-06-12T07:00Z'
 */
export function slotKey(instant: Date): string {
  return `${instant.toISOString().slice(0, 16)}Z`;
}
