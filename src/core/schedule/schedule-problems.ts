import type { CronProblem } from './cron.js';
import type { ScheduleProblem } from './schedule-plan.js';

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A cron problem as one sentence with the fix, for a user's reply or an operator's log line.
 *
 * @example
 * describeCronProblem({ kind: 'outOfRange', field: 'hour', value: '25', min: 0, max: 23 });
 * // 'Hour `25` is out of range 0-23.'
 */
export function describeCronProblem(problem: CronProblem): string {
  switch (problem.kind) {
    case 'fieldCount':
      return `Expected five fields (minute hour day-of-month month day-of-week), got ${problem.count} in \`${problem.expression}\`.`;
    case 'outOfRange':
      return `${capitalise(problem.field)} \`${problem.value}\` is out of range ${problem.min}-${problem.max}.`;
    case 'notANumber': {
      const named = problem.example ? ` or a name such as ${problem.example}` : '';
      return `${capitalise(problem.field)} \`${problem.value}\` is not a number${named}.`;
    }
    case 'emptyItem':
      return `${capitalise(problem.field)} \`${problem.value}\` has an empty item; separate values with single commas.`;
    case 'malformedStep':
      return `${capitalise(problem.field)} \`${problem.value}\` is malformed; a step is written like \`*/15\` or \`0-30/10\`.`;
    case 'badStep':
      return `Step \`/${problem.step}\` in ${problem.field} must be a whole number of at least 1.`;
    case 'malformedRange':
      return `Range \`${problem.value}\` in ${problem.field} is malformed; write it like \`1-5\`.`;
    case 'backwardsRange':
      return `Range \`${problem.value}\` in ${problem.field} runs backwards; write it from low to high.`;
  }
}

/** Why a stored schedule cannot run, as one sentence with the fix (e.g. in `/papers settings`). */
export function describeScheduleProblem(problem: ScheduleProblem): string {
  switch (problem.kind) {
    case 'unknownTimezone':
      return `Unknown timezone \`${problem.timezone}\`. Use an IANA name such as \`Europe/Berlin\` or \`UTC\`.`;
    case 'badTime':
      return `Time \`${problem.time}\` is not a 24-hour time written HH:MM, such as \`09:30\`.`;
    case 'badCron':
      return describeCronProblem(problem.problem);
  }
}
