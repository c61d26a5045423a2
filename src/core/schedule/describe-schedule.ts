import type { Schedule } from '../channel.js';
import { nextDueAt } from './due-times.js';
import { validateSchedule } from './schedule-plan.js';
import { describeScheduleProblem } from './schedule-problems.js';
import { zonedParts } from './zoned-time.js';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon 15 Jun, 09:30` in `timezone`, with the year when it is not the year of `now` there. */
export function formatNext(next: Date, now: Date, timezone: string): string {
  const parts = zonedParts(next, timezone);
  const year = parts.year === zonedParts(now, timezone).year ? '' : ` ${parts.year}`;
  const time = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
  return `${DAY_NAMES[parts.weekday]} ${parts.day} ${MONTH_NAMES[parts.month - 1]}${year}, ${time}`;
}

/**
 * One line for people: when the schedule posts and when it posts next, in its own timezone.
 *
 * @example
 * describeSchedule(schedule, new Date('2026-06-12T08:00:00Z'));
 * // 'Weekdays at 09:30 Europe/Berlin (next: Mon 15 Jun, 09:30)'
 * // 'Cron `30 9 * * 1-5` in Europe/Berlin (next: Mon 15 Jun, 09:30)'
 * // 'Off'
 */
export function describeSchedule(schedule: Schedule, now: Date): string {
  if (!schedule.enabled) return 'Off';
  const { days, time, timezone } = schedule;
  const when =
    days.kind === 'cron'
      ? `Cron \`${days.expression.trim()}\` in ${timezone}`
      : `${days.kind === 'daily' ? 'Daily' : 'Weekdays'} at ${time} ${timezone}`;
  const valid = validateSchedule(schedule);
  if (!valid.ok) return `${when} (cannot run: ${describeScheduleProblem(valid.error)})`;
  const next = nextDueAt(schedule, now);
  return next === null
    ? `${when} (never: no date matches)`
    : `${when} (next: ${formatNext(next, now, timezone)})`;
}
