import type { RecapSchedule } from '../channel.js';
import { formatNext } from './describe-schedule.js';
import { nextRecapAt } from './recap-due-times.js';
import { describeScheduleProblem } from './schedule-problems.js';
import { isValidTimezone } from './zoned-time.js';

const DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/**
 * The weekly recap's schedule in words; given `now`, also when it is due next, in its own timezone.
 *
 * @example
 * describeRecap({ enabled: true, weekday: 5, time: '16:00', timezone: 'Europe/Berlin' }); // 'Fridays at 16:00 Europe/Berlin'
 * describeRecap(recap, new Date('2026-06-15T08:00:00Z')); // 'Fridays at 16:00 Europe/Berlin (next: Fri 19 Jun, 16:00)'
 */
export function describeRecap(recap: RecapSchedule, now?: Date): string {
  if (!recap.enabled) return 'Off';
  const when = `${DAYS[recap.weekday] ?? 'Fridays'} at ${recap.time} ${recap.timezone}`;
  if (now === undefined) return when;
  if (!isValidTimezone(recap.timezone)) {
    const problem = describeScheduleProblem({ kind: 'unknownTimezone', timezone: recap.timezone });
    return `${when} (cannot run: ${problem})`;
  }
  const next = nextRecapAt(recap, now);
  return next === null ? when : `${when} (next: ${formatNext(next, now, recap.timezone)})`;
}
