import type { ScheduleDays } from '../channel.js';
import { err, ok, type Result } from '../result.js';
import { resolveTimezone } from '../timezones.js';
import type { Command } from './command.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';
import { parseCron } from './parse-cron.js';
import type { Token } from './tokenize.js';

type ScheduleCommand = Extract<Command, { kind: 'schedule' | 'scheduleOff' | 'scheduleRecap' | 'recapOff' }>;

const DAYS: ReadonlyMap<string, ScheduleDays> = new Map([
  ['daily', { kind: 'daily' }],
  ['everyday', { kind: 'daily' }],
  ['weekdays', { kind: 'weekdays' }],
  ['weekday', { kind: 'weekdays' }],
]);
/** Words that name days we do not take, so they are not mistaken for a timezone. */
const OTHER_DAYS =
  /^((mon|tues?|wed|thu(rs)?|fri|sat(ur)?|sun)(day)?s?([-,].*)?|weekends?|weekly|workdays?|every[a-z-]+)$/i;
/** `9:30`, `09:30`, `9am`, `9:30pm`. */
const TIME = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/i;
/** A token that can only be a field of a cron expression, never a timezone. */
const CRON_FIELD = /^[\d*,/-]+$/;

/**
 * Reads what follows `schedule`: `HH:MM [timezone] [daily|weekdays]` (timezone and days in either order; UTC and
 * weekdays when left out), `off`, `cron "<five fields>" [timezone]` (the quotes may be left out), or the weekly
 * recap's `recap <weekday> <HH:MM> [timezone]` and `recap off`.
 *
 * @example
 * parseSchedule(tokenize('9:30 europe/berlin daily').value);
 * // ok({ kind: 'schedule', time: '09:30', timezone: 'Europe/Berlin', days: { kind: 'daily' } })
 */
export function parseSchedule(tokens: readonly Token[]): Result<ScheduleCommand, CommandError> {
  const [first, ...rest] = tokens;
  if (first === undefined) return err(commandError(CommandErrorId.BadTime, { value: '' }));
  const keyword = first.quoted ? '' : first.raw.toLowerCase();
  if (keyword === 'off') {
    return rest.length === 0 ? ok({ kind: 'scheduleOff' }) : err(unexpected('schedule off', rest));
  }
  if (keyword === 'cron') return parseCronSchedule(rest);
  if (keyword === 'recap') return parseRecapSchedule(rest);
  const time = parseTime(word(first));
  if (time === undefined) return err(commandError(CommandErrorId.BadTime, { value: word(first) }));
  let timezone: string | undefined;
  let days: ScheduleDays | undefined;
  for (const [index, token] of rest.entries()) {
    const text = word(token);
    const named = DAYS.get(text.toLowerCase());
    if (named !== undefined && days === undefined) {
      days = named;
    } else if (named === undefined && timezone === undefined && !OTHER_DAYS.test(text)) {
      const resolved = readTimezone(text);
      if (!resolved.ok) return resolved;
      timezone = resolved.value;
    } else if (named === undefined && days === undefined) {
      return err(commandError(CommandErrorId.BadDays, { value: text }));
    } else {
      return err(unexpected('schedule', rest.slice(index)));
    }
  }
  return ok({ kind: 'schedule', time, timezone: timezone ?? 'UTC', days: days ?? { kind: 'weekdays' } });
}

const parseCronSchedule = (tokens: readonly Token[]): Result<ScheduleCommand, CommandError> => {
  const [first, ...rest] = tokens;
  const last = tokens.at(-1);
  let fields: string;
  let after: readonly Token[];
  if (first?.quoted) {
    [fields, after] = [first.value, rest];
  } else if (tokens.length === 6 && last !== undefined && !CRON_FIELD.test(last.raw)) {
    [fields, after] = [tokens.slice(0, 5).map(word).join(' '), [last]];
  } else {
    [fields, after] = [tokens.map(word).join(' '), []];
  }
  const expression = parseCron(fields);
  if (!expression.ok) return expression;
  const [zone, ...extra] = after;
  if (extra.length > 0) return err(unexpected('schedule cron', extra));
  const timezone = zone === undefined ? ok('UTC') : readTimezone(word(zone));
  if (!timezone.ok) return timezone;
  return ok({
    kind: 'schedule',
    time: cronTime(expression.value),
    timezone: timezone.value,
    days: { kind: 'cron', expression: expression.value },
  });
};

/** The days as cron numbers them: `sun` is 0. */
export const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** `fri`, `Friday`, `FRI`: 0 (Sunday) to 6; undefined for anything else. */
export const parseWeekday = (text: string): number | undefined => {
  const word = text.toLowerCase().replace(/s$/, '');
  const index = WEEKDAY_NAMES.findIndex(
    (name) => word === name || (word.length >= 3 && `${name}${dayTail(name)}`.startsWith(word)),
  );
  return index < 0 ? undefined : index;
};
const dayTail = (name: string): string =>
  ({ tue: 'sday', wed: 'nesday', thu: 'rsday', sat: 'urday' })[name] ?? 'day';

/** `recap <weekday> <HH:MM> [timezone]` (day and time in either order) or `recap off`. */
const parseRecapSchedule = (tokens: readonly Token[]): Result<ScheduleCommand, CommandError> => {
  const [first, ...rest] = tokens;
  if (first !== undefined && !first.quoted && first.raw.toLowerCase() === 'off') {
    return rest.length === 0 ? ok({ kind: 'recapOff' }) : err(unexpected('schedule recap off', rest));
  }
  let weekday: number | undefined;
  let time: string | undefined;
  let timezone: string | undefined;
  for (const [index, token] of tokens.entries()) {
    const text = word(token);
    const day = weekday === undefined ? parseWeekday(text) : undefined;
    const clock = time === undefined && day === undefined ? parseTime(text) : undefined;
    if (day !== undefined) weekday = day;
    else if (clock !== undefined) time = clock;
    else if (timezone === undefined && weekday !== undefined && time !== undefined) {
      const resolved = readTimezone(text);
      if (!resolved.ok) return resolved;
      timezone = resolved.value;
    } else if (weekday === undefined) {
      return err(commandError(CommandErrorId.BadWeekday, { value: text }));
    } else if (time === undefined) {
      return err(commandError(CommandErrorId.BadTime, { value: text }));
    } else {
      return err(unexpected('schedule recap', tokens.slice(index)));
    }
  }
  if (weekday === undefined) return err(commandError(CommandErrorId.BadWeekday, { value: '' }));
  if (time === undefined) return err(commandError(CommandErrorId.BadTime, { value: '' }));
  return ok({ kind: 'scheduleRecap', weekday, time, timezone: timezone ?? 'UTC' });
};

/** `HH:MM` on a 24-hour clock, or undefined for anything that is not a time of day. */
export const parseTime = (text: string): string | undefined => {
  const [, hourText, minuteText = '00', half] = TIME.exec(text) ?? [];
  if (hourText === undefined || (minuteText === '00' && half === undefined && !text.includes(':')))
    return undefined;
  const minute = Number(minuteText);
  let hour = Number(hourText);
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

/** The time a cron expression fires at when it names one minute and one hour, else midnight (it is ignored). */
const cronTime = (expression: string): string => {
  const [minute = '', hour = ''] = expression.split(' ');
  return /^\d+$/.test(minute) && /^\d+$/.test(hour)
    ? `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`
    : '00:00';
};

/** A timezone as the schedule commands read it, with the error they give (and a suggestion) when unknown. */
export const readTimezone = (text: string): Result<string, CommandError> => {
  const resolved = resolveTimezone(text);
  return resolved.ok
    ? resolved
    : err(
        commandError(CommandErrorId.UnknownTimezone, {
          timezone: text,
          suggestion: resolved.error.suggestion,
        }),
      );
};

/** A token's text: the value of a quoted one, else as typed. */
const word = (token: Token): string =>
  token.quoted && !token.negated && !token.key ? token.value : token.raw;

const unexpected = (command: string, extra: readonly Token[]): CommandError =>
  commandError(CommandErrorId.UnexpectedArguments, {
    command,
    extra: extra.map((token) => token.raw).join(' '),
  });
