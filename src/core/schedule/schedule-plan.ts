import type { Schedule } from '../channel.js';
import { err, ok, type Result } from '../result.js';
import { type CronProblem, cronMatchesDay, parseCron } from './cron.js';
import { isValidTimezone, type LocalDay, parseTimeOfDay } from './zoned-time.js';

/** A schedule ready to evaluate: which wall-clock minutes of a local day are due. */
export interface SchedulePlan {
  timezone: string;
  /** Minutes since local midnight, ascending; empty on a day without a digest. */
  minutesOn(day: LocalDay): readonly number[];
}

const WEEKDAYS = new Set([1, 2, 3, 4, 5]);

/** Why a stored schedule cannot be evaluated, as data. */
export type ScheduleProblem =
  | { kind: 'unknownTimezone'; timezone: string }
  | { kind: 'badTime'; time: string }
  | { kind: 'badCron'; expression: string; problem: CronProblem };

/**
 * Checks a schedule's time, timezone and cron expression and prepares it for evaluation; the error says which
 * is wrong.
 *
 * @example
 * planSchedule({ enabled: true, time: '09:00', timezone: 'Europe/Berlin', days: { kind: 'weekdays' } });
 */
export function planSchedule(schedule: Schedule): Result<SchedulePlan, ScheduleProblem> {
  const { timezone, days } = schedule;
  if (!isValidTimezone(timezone)) {
    return err({ kind: 'unknownTimezone', timezone });
  }
  if (days.kind === 'cron') {
    const spec = parseCron(days.expression);
    if (!spec.ok) return err({ kind: 'badCron', expression: days.expression, problem: spec.error });
    const minutes = spec.value.hours.flatMap((hour) =>
      spec.value.minutes.map((minute) => hour * 60 + minute),
    );
    return ok({ timezone, minutesOn: (day) => (cronMatchesDay(spec.value, day) ? minutes : []) });
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.time)) {
    return err({ kind: 'badTime', time: schedule.time });
  }
  const minutes = [parseTimeOfDay(schedule.time)];
  if (days.kind === 'weekdays') {
    return ok({ timezone, minutesOn: (day) => (WEEKDAYS.has(day.weekday) ? minutes : []) });
  }
  return ok({ timezone, minutesOn: () => minutes });
}

/** The schedule itself when `planSchedule` can evaluate it, or why not. */
export function validateSchedule(schedule: Schedule): Result<Schedule, ScheduleProblem> {
  const plan = planSchedule(schedule);
  return plan.ok ? ok(schedule) : plan;
}
