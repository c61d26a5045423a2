/**
 * Wall-clock time in IANA timezones, on top of `Intl.DateTimeFormat` (no timezone library).
 *
 * A wall time is written as if it were UTC ("wall milliseconds"): 09:30 on 2026-06-12 in any timezone is
 * `Date.UTC(2026, 5, 12, 9, 30)`. The offset of a timezone at an instant is wall milliseconds minus the instant.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The wall-clock reading of an instant in a timezone. `month` is 1-12, `weekday` 0 (Sunday) to 6 (Saturday). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a `RangeError` for an unknown timezone, as `Intl.DateTimeFormat` does. */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/**
 * True for a timezone `Intl` knows, such as `Europe/Berlin` or `UTC`.
 *
 * @example
 * isValidTimezone('Europe/Berlin'); // true
 * isValidTimezone('Mars/Olympus'); // false
 */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** `Date.UTC`, but years 0-99 stay years 0-99. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year + date.getUTCFullYear() - 2000);
  return date.getTime();
}

/**
 * Readings already made. A digest tick asks for the same few instants in the same few timezones for every
 * scheduled channel, and `formatToParts` costs microseconds a time (half a second of start-up at 10,000
 * channels). Cleared when full, so it never grows past a bound.
 */
const readings = new Map<string, number>();
const MAX_READINGS = 50_000;

/** The wall milliseconds (whole seconds) of an instant in a timezone. */
function wallMs(instantMs: number, timezone: string): number {
  const key = `${timezone}|${instantMs}`;
  const known = readings.get(key);
  if (known !== undefined) return known;
  const wall = readWallMs(instantMs, timezone);
  if (readings.size >= MAX_READINGS) readings.clear();
  readings.set(key, wall);
  return wall;
}

function readWallMs(instantMs: number, timezone: string): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timezone).formatToParts(instantMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return utcMs(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second);
}

/** Minutes or seconds east of UTC, in milliseconds, of `timezone` at an instant. */
function offsetMs(instantMs: number, timezone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallMs(wholeSecond, timezone) - wholeSecond;
}

/**
 * The wall-clock parts of an instant in a timezone.
 *
 * @example
 * zonedParts(new Date('2026-06-12T07:00:00Z'), 'Europe/Berlin');
 * // { year: 2026, month: 6, day: 12, hour: 9, minute: 0, weekday: 5 }
 */
export function zonedParts(at: Date, timezone: string): ZonedParts {
  const wall = new Date(wallMs(at.getTime(), timezone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: wall.getUTCDay(),
  };
}

/** The local calendar day of an instant in a timezone, `YYYY-MM-DD`. */
export function zonedDate(at: Date, timezone: string): string {
  const { year, month, day } = zonedParts(at, timezone);
  return formatDate(year, month, day);
}

/** `YYYY-MM-DD` for a year, a month 1-12 and a day. */
export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A local calendar day: its parts, its weekday (0 = Sunday) and its midnight in wall milliseconds. */
export interface LocalDay {
  year: number;
  month: number;
  day: number;
  weekday: number;
  startWallMs: number;
}

/** The local day of a `YYYY-MM-DD` string; throws a `RangeError` when it is not one. */
export function parseLocalDay(date: string): LocalDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const startWallMs = match ? utcMs(Number(match[1]), Number(match[2]), Number(match[3])) : Number.NaN;
  const local = localDayAt(startWallMs);
  if (Number.isNaN(startWallMs) || formatDate(local.year, local.month, local.day) !== date) {
    throw new RangeError(`Expected a calendar day written YYYY-MM-DD, got ${JSON.stringify(date)}.`);
  }
  return local;
}

/** The local day whose midnight is `startWallMs`; `addDays` moves by whole days. */
export function localDayAt(startWallMs: number, addDays = 0): LocalDay {
  const wall = new Date(startWallMs + addDays * DAY_MS);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
    startWallMs: wall.getTime(),
  };
}

/** Minutes since midnight of `HH:MM`; throws a `RangeError` for anything else. */
export function parseTimeOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Expected a 24-hour time written HH:MM, got ${JSON.stringify(time)}.`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Resolves wall times of one local day to instants, with the DST rules of `zonedTimeToInstant`.
 * Makes the few `Intl` calls once per day, so resolving many minutes of the day is cheap.
 *
 * It assumes at most one offset change within a day and a half of the day, true of every IANA zone today.
 */
export function createDayResolver(day: LocalDay, timezone: string): (minuteOfDay: number) => Date {
  const windowStart = day.startWallMs - DAY_MS;
  const windowEnd = day.startWallMs + 2 * DAY_MS;
  const offsetBefore = offsetMs(windowStart, timezone);
  const offsetAfter = offsetMs(windowEnd, timezone);
  if (offsetBefore === offsetAfter) {
    return (minuteOfDay) => new Date(day.startWallMs + minuteOfDay * MINUTE_MS - offsetBefore);
  }

  // The offset changes once in the window: find the first second with the new offset.
  let low = windowStart / 1000; // offset here is offsetBefore
  let high = windowEnd / 1000; // offset here is offsetAfter
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetMs(middle * 1000, timezone) === offsetBefore) low = middle;
    else high = middle;
  }
  const transitionMs = high * 1000;

  return (minuteOfDay) => {
    const wall = day.startWallMs + minuteOfDay * MINUTE_MS;
    const underOld = wall - offsetBefore;
    const underNew = wall - offsetAfter;
    const candidates = [
      underOld < transitionMs ? underOld : null,
      underNew >= transitionMs ? underNew : null,
    ];
    const valid = candidates.filter((instant): instant is number => instant !== null);
    // Overlap: the earliest of the two readings. Gap: the wall time does not exist; the clock reads the next
    // valid minute at the transition itself.
    return new Date(valid.length > 0 ? Math.min(...valid) : transitionMs);
  };
}

/**
 * The instant at which the wall clock of `timezone` reads `time` on `date`.
 *
 * Daylight saving: a wall time that does not exist that day (the spring-forward gap) resolves to the next valid
 * minute, and a wall time that occurs twice (the fall-back overlap) resolves to its first occurrence.
 * Throws a `RangeError` for a malformed date or time or an unknown timezone.
 *
 * @example
 * zonedTimeToInstant('2026-06-12', '09:00', 'Europe/Berlin'); // 2026-06-12T07:00:00.000Z
 * zonedTimeToInstant('2026-03-29', '02:30', 'Europe/Berlin'); // 2026-03-29T01:00:00.000Z (03:00 CEST)
 * zonedTimeToInstant('2026-10-25', '02:30', 'Europe/Berlin'); // 2026-10-25T00:30:00.000Z (02:30 CEST)
 */
export function zonedTimeToInstant(date: string, time: string, timezone: string): Date {
  return createDayResolver(parseLocalDay(date), timezone)(parseTimeOfDay(time));
}
