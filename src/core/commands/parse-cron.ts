import { err, ok, type Result } from '../result.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Names allowed instead of numbers; the first stands for `min`. */
  names?: readonly string[];
}

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  // 0 and 7 are both Sunday.
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** `*`, `5`, `MON`, `1-5`, `MON-FRI`, each optionally with `/step`. */
const ITEM = /^(?:\*|([A-Za-z]{3}|\d{1,2})(?:-([A-Za-z]{3}|\d{1,2}))?)(?:\/(\d{1,2}))?$/;

/**
 * Checks a five-field cron expression (minute, hour, day of month, month, day of week): each field a comma list
 * of `*`, numbers, ranges and `/steps`, with month and weekday names allowed, all within range. Returns it with
 * whitespace collapsed.
 *
 * @example
 * parseCron('30  9 * * MON-FRI'); // ok('30 9 * * MON-FRI')
 * parseCron('30 25 * * *');       // err(badCron: hour "25")
 */
export function parseCron(text: string): Result<string, CommandError> {
  const expression = text.trim().replace(/\s+/g, ' ');
  if (expression === '') return err(commandError(CommandErrorId.BadCron, { expression }));
  const parts = expression.split(' ');
  if (parts.length !== CRON_FIELDS.length) {
    return err(commandError(CommandErrorId.BadCron, { expression, fields: parts.length }));
  }
  for (const [index, field] of CRON_FIELDS.entries()) {
    const part = parts[index] ?? '';
    if (!part.split(',').every((item) => isValidItem(item, field))) {
      return err(commandError(CommandErrorId.BadCron, { expression, field: field.name, part }));
    }
  }
  return ok(expression);
}

const isValidItem = (item: string, field: CronField): boolean => {
  const match = ITEM.exec(item);
  if (!match) return false;
  const [, from, to, step] = match;
  if (step !== undefined && (Number(step) < 1 || Number(step) > field.max)) return false;
  if (from === undefined) return true;
  const start = fieldValue(from, field);
  const end = to === undefined ? start : fieldValue(to, field);
  return start !== undefined && end !== undefined && start <= end;
};

/** The number of a value within the field's range, or undefined. */
const fieldValue = (text: string, field: CronField): number | undefined => {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? field.min + named : /^\d+$/.test(text) ? Number(text) : undefined;
  return value !== undefined && value >= field.min && value <= field.max ? value : undefined;
};
