import type { Schedule } from '../channel.js';
import { err, ok, type Result } from '../result.js';
import { cronMatchesDay, parseCron } from './cron.js';
import { isValidTimezone, type LocalDay, parseTimeOfDay } from './zoned-time.js';

/** A schedule ready to evaluate: which wall-clock minutes of a local day are due. */
export interface SchedulePlan {
  timezone: string;
  /** Minutes since local midnight, ascending; empty on a day without a digest. */
  minutesOn(day: LocalDay): readonly number[];
}

const WEEKDAYS = new Set([1, 2, 3, 4, 5]);

/**
 * Checks a schedule's time, timezone and cron expression and prepares it for evaluation. The error is a
 * sentence for the user, with the fix.
 *
 * @example
 * planSchedule({ enabled: true, time: '09:00', timezone: 'Europe/Berlin', days: { kind: 'weekdays' } });
 */
export function planSchedule(schedule: Schedule): Result<SchedulePlan, string> {
  const { timezone, days } = schedule;
  if (!isValidTimezone(timezone)) {
    return err(`Unknown timezone \`${timezone}\`. Use an IANA name such as \`Europe/Berlin\` or \`UTC\`.`);
  }
  if (days.kind === 'cron') {
    const spec = parseCron(days.expression);
    if (!spec.ok) return spec;
    const minutes = spec.value.hours.flatMap((hour) =>
      spec.value.minutes.map((minute) => hour * 60 + minute),
    );
    return ok({ timezone, minutesOn: (day) => (cronMatchesDay(spec.value, day) ? minutes : []) });
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.time)) {
    return err(`Time \`${schedule.time}\` is not a 24-hour time written HH:MM, such as \`09:30\`.`);
  }
  const minutes = [parseTimeOfDay(schedule.time)];
  if (days.kind === 'weekdays') {
    return ok({ timezone, minutesOn: (day) => (WEEKDAYS.has(day.weekday) ? minutes : []) });
  }
  return ok({ timezone, minutesOn: () => minutes });
}

/** The schedule itself when `planSchedule` can evaluate it, or why not. */
export function validateSchedule(schedule: Schedule): Result<Schedule, string> {
  const plan = planSchedule(schedule);
  return plan.ok ? ok(schedule) : plan;
}
