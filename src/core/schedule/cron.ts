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

interface FieldRule {
  name: string;
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

function parseValue(text: string, rule: FieldRule): Result<number, string> {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < rule.min || value > rule.max) {
      return err(`${capitalise(rule.name)} \`${text}\` is out of range ${rule.min}-${rule.max}.`);
    }
    return ok(value);
  }
  const index = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return ok(index + (rule.name === 'month' ? 1 : 0));
  const named = rule.names ? ` or a name such as ${rule.names[1]}` : '';
  return err(`${capitalise(rule.name)} \`${text}\` is not a number${named}.`);
}

function parseField(text: string, rule: FieldRule): Result<number[], string> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [rangeText = '', stepText, ...extra] = item.split('/');
    if (item === '') {
      return err(
        `${capitalise(rule.name)} \`${text}\` has an empty item; separate values with single commas.`,
      );
    }
    if (extra.length > 0 || stepText === '') {
      return err(
        `${capitalise(rule.name)} \`${item}\` is malformed; a step is written like \`*/15\` or \`0-30/10\`.`,
      );
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        return err(`Step \`/${stepText}\` in ${rule.name} must be a whole number of at least 1.`);
      }
      step = Number(stepText);
    }

    let low = rule.min;
    let high = rule.max;
    if (rangeText !== '*') {
      const [lowText = '', highText, ...more] = rangeText.split('-');
      if (more.length > 0 || lowText === '' || highText === '') {
        return err(`Range \`${rangeText}\` in ${rule.name} is malformed; write it like \`1-5\`.`);
      }
      const lowValue = parseValue(lowText, rule);
      if (!lowValue.ok) return lowValue;
      low = lowValue.value;
      if (highText !== undefined) {
        const highValue = parseValue(highText, rule);
        if (!highValue.ok) return highValue;
        high = highValue.value;
        if (high < low) {
          return err(`Range \`${rangeText}\` in ${rule.name} runs backwards; write it from low to high.`);
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
 * names `MON`-`SUN` and `JAN`-`DEC` (any case), and 0 or 7 for Sunday. The error says what is wrong.
 *
 * @example
 * parseCron('30 9 * * MON-FRI'); // ok: 09:30 Monday to Friday
 * parseCron('30 9 * *'); // err: 'Expected five fields ... got 4 ...'
 */
export function parseCron(expression: string): Result<CronSpec, string> {
  const texts = expression.trim().split(/\s+/).filter(Boolean);
  if (texts.length !== FIELDS.length) {
    return err(
      `Expected five fields (minute hour day-of-month month day-of-week), got ${texts.length} in \`${expression.trim()}\`.`,
    );
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

/**
 * Whether a cron expression fires at a wall-clock minute.
 *
 * @example
 * cronMatches(spec, zonedParts(now, 'Europe/Berlin'));
 */
export function cronMatches(spec: CronSpec, parts: ZonedParts): boolean {
  return (
    spec.minutes.includes(parts.minute) && spec.hours.includes(parts.hour) && cronMatchesDay(spec, parts)
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
