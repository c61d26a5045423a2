import { err, ok, type Result } from '../result.js';
import type { ZonedParts } from './zoned-time.js';

/**
 * A parsed five-field cron expression: `minute hour day-of-month month day-of-week`.
 * Every list is sorted and without duplicates; `daysOfWeek` uses 0 for Sunday (7 is read as 0).
 */
export interface CronSpec {
  expression: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: readonly number[];
  /** 1-12. */
  months: readonly number[];
  /** 0 (Sunday) to 6 (Saturday). */
  daysOfWeek: readonly number[];
  /**
   * Whether the day-of-month and day-of-week fields restrict the day. As in Vixie cron, a field that starts
   * with `*` (such as `*` or `*\/2`) does not; when both restrict, a day matching either one matches.
   */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

/** A field of a cron expression, by the name messages use. */
export type CronField = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

/** What is wrong with a cron expression, as data; `describeCronProblem` words it for people. */
export type CronProblem =
  | { kind: 'fieldCount'; count: number; expression: string }
  | { kind: 'outOfRange'; field: CronField; value: string; min: number; max: number }
  /** `example`: a name the field also takes (`MON`, `FEB`), when it takes names. */
  | { kind: 'notANumber'; field: CronField; value: string; example?: string }
  | { kind: 'emptyItem'; field: CronField; value: string }
  | { kind: 'malformedStep'; field: CronField; value: string }
  | { kind: 'badStep'; field: CronField; step: string }
  | { kind: 'malformedRange'; field: CronField; value: string }
  | { kind: 'backwardsRange'; field: CronField; value: string };

interface FieldRule {
  name: CronField;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES },
];

function parseValue(text: string, rule: FieldRule): Result<number, CronProblem> {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < rule.min || value > rule.max) {
      return err({ kind: 'outOfRange', field: rule.name, value: text, min: rule.min, max: rule.max });
    }
    return ok(value);
  }
  const index = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return ok(index + (rule.name === 'month' ? 1 : 0));
  const example = rule.names?.[1];
  return err({ kind: 'notANumber', field: rule.name, value: text, ...(example ? { example } : {}) });
}

function parseField(text: string, rule: FieldRule): Result<number[], CronProblem> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [rangeText = '', stepText, ...extra] = item.split('/');
    if (item === '') {
      return err({ kind: 'emptyItem', field: rule.name, value: text });
    }
    if (extra.length > 0 || stepText === '') {
      return err({ kind: 'malformedStep', field: rule.name, value: item });
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        return err({ kind: 'badStep', field: rule.name, step: stepText });
      }
      step = Number(stepText);
    }

    let low = rule.min;
    let high = rule.max;
    if (rangeText !== '*') {
      const [lowText = '', highText, ...more] = rangeText.split('-');
      if (more.length > 0 || lowText === '' || highText === '') {
        return err({ kind: 'malformedRange', field: rule.name, value: rangeText });
      }
      const lowValue = parseValue(lowText, rule);
      if (!lowValue.ok) return lowValue;
      low = lowValue.value;
      if (highText !== undefined) {
        const highValue = parseValue(highText, rule);
        if (!highValue.ok) return highValue;
        high = highValue.value;
        if (high < low) {
          return err({ kind: 'backwardsRange', field: rule.name, value: rangeText });
        }
      } else if (stepText === undefined) {
        high = low; // a single value; `5/15` means 5 to the maximum in steps of 15
      }
    } else if (rule.name === 'day-of-week') {
      high = 6; // `*` means every day once, not Sunday twice
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return ok([...values].sort((a, b) => a - b));
}

/**
 * Parses a five-field cron expression, with `*`, lists `1,15`, ranges `1-5`, steps `*\/15` and `0-30/10`,
 * names `MON`-`SUN` and `JAN`-`DEC` (any case), and 0 or 7 for Sunday. The error says what is wrong, as data.
 *
 * @example
 * parseCron('30 9 * * MON-FRI'); // ok: 09:30 Monday to Friday
 * parseCron('30 9 * *'); // err({ kind: 'fieldCount', count: 4, expression: '30 9 * *' })
 */
export function parseCron(expression: string): Result<CronSpec, CronProblem> {
  const texts = expression.trim().split(/\s+/).filter(Boolean);
  if (texts.length !== FIELDS.length) {
    return err({ kind: 'fieldCount', count: texts.length, expression: expression.trim() });
  }
  const lists: number[][] = [];
  for (const [index, rule] of FIELDS.entries()) {
    const parsed = parseField(texts[index] ?? '', rule);
    if (!parsed.ok) return parsed;
    lists.push(parsed.value);
  }
  const [minutes = [], hours = [], daysOfMonth = [], months = [], daysOfWeek = []] = lists;
  return ok({
    expression: texts.join(' '),
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek: [...new Set(daysOfWeek.map((day) => day % 7))].sort((a, b) => a - b),
    dayOfMonthRestricted: !texts[2]?.startsWith('*'),
    dayOfWeekRestricted: !texts[4]?.startsWith('*'),
  });
}

/** Whether a cron expression fires on a calendar day (month 1-12, weekday 0 = Sunday), at some time. */
export function cronMatchesDay(spec: CronSpec, date: Pick<ZonedParts, 'month' | 'day' | 'weekday'>): boolean {
  if (!spec.months.includes(date.month)) return false;
  const dayOfMonth = spec.daysOfMonth.includes(date.day);
  const dayOfWeek = spec.daysOfWeek.includes(date.weekday);
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) return dayOfMonth || dayOfWeek;
  return dayOfMonth && dayOfWeek;
}
