import { Cron, type CronOptions } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/core/channel.js';
import { dueSlotsBetween, MAX_SEARCH_DAYS, nextDueAt } from '../../../src/core/schedule/due-times.js';
import {
  cronExpression,
  everyDayCronExpression,
  instant,
  TIMEZONES,
} from '../../helpers/cron-expressions.js';

/**
 * The core's due times checked against croner, an independent cron implementation. Where the two differ by
 * design, `forCroner` rewrites the expression or sets an option so croner means what the core means, and each
 * such difference is pinned below ("where croner differs").
 */

const DAY_MS = 86_400_000;
const cronSchedule = (expression: string, timezone: string): Schedule => ({
  enabled: true,
  time: '09:00',
  timezone,
  days: { kind: 'cron', expression },
});

/** A day field restricts the day unless it starts with `*` (Vixie cron; croner only counts `*` itself). */
const restricts = (field: string) => !field.startsWith('*');

function forCroner(expression: string, timezone: string): { pattern: string; options: CronOptions } {
  const [minute = '', hour = '', dayOfMonth = '', month = '', dayOfWeek = ''] = expression
    .trim()
    .split(/\s+/);
  const weekdays = dayOfWeek
    .split(',')
    // The core runs `MON/2` to 7, the other Sunday; croner stops at Saturday.
    .map((item) => item.replace(/^(\w+)\/(\d+)$/, '$1-7/$2'))
    // The core reads SUN as 0 everywhere; croner reads it as 7 at the end of a range.
    .map((item) => item.replace(/-sun\b/i, '-0'))
    .join(',');
  return {
    pattern: [minute, hour, dayOfMonth, month, weekdays].join(' '),
    options: {
      timezone,
      mode: '5-part',
      sloppyRanges: true, // `5/15`: from 5 to the maximum in steps of 15
      domAndDow: !(restricts(dayOfMonth) && restricts(dayOfWeek)),
    },
  };
}

function createCroner(expression: string, timezone: string): Cron {
  const { pattern, options } = forCroner(expression, timezone);
  return new Cron(pattern, { ...options, paused: true });
}

/** croner's runs in (after, end], ascending. */
function cronerRuns(job: Cron, after: Date, end: Date): Date[] {
  const runs: Date[] = [];
  for (const at of job.enumerate(after)) {
    if (at.getTime() > end.getTime()) break;
    runs.push(at);
    if (runs.length > 10_000) throw new Error('croner ran away');
  }
  return runs;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();
/** The wall clock of an instant in a timezone, to the minute, straight from `Intl`. */
function wallClock(at: Date, timezone: string): string {
  let format = wallFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: timezone,
      dateStyle: 'short',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    wallFormats.set(timezone, format);
  }
  return format.format(at);
}

/** Whether the clock jumped forward at `at`: a minute earlier it read more than a minute less. */
function clockJumpedAt(at: Date, timezone: string): boolean {
  const minuteBefore = new Date(at.getTime() - 60_000);
  const wallMs = (date: Date) => Date.parse(`${wallClock(date, timezone).replace(' ', 'T')}Z`);
  return wallMs(at) - wallMs(minuteBefore) > 60_000;
}

/** croner's fixed-time jobs (a single minute and a single hour) follow the core's rules for DST. */
const isFixedTime = (expression: string) => /^\d+\s+\d+\s/.test(expression.trim());

/**
 * Both lists must be equal, except where daylight saving makes croner's interval jobs differ from the core:
 * croner skips the minutes of a spring-forward gap, which the core posts once, at the end of the gap; and
 * croner runs the minutes of a fall-back overlap twice, which the core posts once, at their first occurrence
 * (which may be before the lists start).
 */
function expectSameDueTimes(schedule: Schedule, core: Date[], croner: Date[]): void {
  const { timezone } = schedule;
  const expression = schedule.days.kind === 'cron' ? schedule.days.expression : '';
  const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
  if (isFixedTime(expression)) {
    expect(iso(core)).toEqual(iso(croner));
    return;
  }
  const coreSet = new Set(iso(core));
  const cronerSet = new Set(iso(croner));
  const unexplained = [
    ...core
      .filter((at) => !cronerSet.has(at.toISOString()) && !clockJumpedAt(at, timezone))
      .map((at) => `only the core: ${at.toISOString()}, not the end of a gap`),
    ...croner
      .filter((at) => !coreSet.has(at.toISOString()))
      .filter((at) => {
        const first = firstReading(at, timezone);
        return first === null || dueSlotsBetween(schedule, new Date(first.getTime() - 1), first).length !== 1;
      })
      .map((at) => `only croner: ${at.toISOString()}, not the core's slot repeated`),
  ];
  expect(unexplained).toEqual([]);
}

/** The earlier instant at which the clock read what it reads at `at` (overlaps last 30 minutes to 2 hours). */
function firstReading(at: Date, timezone: string): Date | null {
  const wall = wallClock(at, timezone);
  const earlier = [120, 90, 60, 30].map((minutes) => new Date(at.getTime() - minutes * 60_000));
  return earlier.find((instant) => wallClock(instant, timezone) === wall) ?? null;
}

/** The core's next `count` due times after `after`, and how far they are known to be complete. */
function nextDueTimes(schedule: Schedule, after: Date, count: number): { due: Date[]; end: Date } {
  const due: Date[] = [];
  for (let at: Date | null = after; due.length < count; ) {
    at = nextDueAt(schedule, at);
    if (at === null) {
      // Nothing more within the core's search horizon from the last due time.
      const from = due.at(-1) ?? after;
      return { due, end: new Date(from.getTime() + (MAX_SEARCH_DAYS - 2) * DAY_MS) };
    }
    due.push(at);
  }
  return { due, end: due.at(-1) ?? after };
}

/** The instants in 2025-2027 at which a timezone's offset changes. */
function offsetChanges(timezone: string): Date[] {
  const offset = (ms: number) => Date.parse(`${wallClock(new Date(ms), timezone).replace(' ', 'T')}Z`) - ms;
  const changes: Date[] = [];
  for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2028, 0, 1); day += DAY_MS) {
    if (offset(day) === offset(day + DAY_MS)) continue;
    let low = day;
    let high = day + DAY_MS;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offset(middle) === offset(day)) low = middle;
      else high = middle;
    }
    changes.push(new Date(high));
  }
  return changes;
}

const DST_TIMEZONES = TIMEZONES.filter((timezone) => offsetChanges(timezone).length > 0);
const transitions = fc
  .constantFrom(...DST_TIMEZONES)
  .chain((timezone) =>
    fc.record({ timezone: fc.constant(timezone), at: fc.constantFrom(...offsetChanges(timezone)) }),
  );

describe('due times agree with croner', () => {
  it('has daylight-saving timezones and their changes to test', () => {
    expect(DST_TIMEZONES).toEqual(expect.arrayContaining(['Europe/Berlin', 'Australia/Lord_Howe']));
    expect(offsetChanges('Europe/Berlin').map((at) => at.toISOString())).toContain(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('gives the same next due times for any expression, timezone and instant', () => {
    fc.assert(
      fc.property(cronExpression, fc.constantFrom(...TIMEZONES), instant, (expression, timezone, after) => {
        const schedule = cronSchedule(expression, timezone);
        const { due, end } = nextDueTimes(schedule, after, 8);
        expectSameDueTimes(schedule, due, cronerRuns(createCroner(expression, timezone), after, end));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same next due times from just before leap days, month ends and year ends', () => {
    const edges = [
      '2024-02-29',
      '2028-02-29',
      '2100-02-28',
      '2026-02-28',
      '2026-04-30',
      '2026-12-31',
      '2027-01-31',
    ];
    fc.assert(
      fc.property(
        cronExpression,
        fc.constantFrom(...TIMEZONES),
        fc.constantFrom(...edges),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (expression, timezone, edge, minutesBefore) => {
          const schedule = cronSchedule(expression, timezone);
          const after = new Date(Date.parse(`${edge}T00:00:00Z`) - minutesBefore * 60_000);
          const { due, end } = nextDueTimes(schedule, after, 8);
          expectSameDueTimes(schedule, due, cronerRuns(createCroner(expression, timezone), after, end));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same due times around daylight-saving changes, but for the documented differences', () => {
    fc.assert(
      fc.property(
        fc.oneof({ weight: 1, arbitrary: cronExpression }, { weight: 3, arbitrary: everyDayCronExpression }),
        transitions,
        fc.integer({ min: 0, max: 3 * 60 }),
        (expression, { timezone, at }, minutesBefore) => {
          const after = new Date(at.getTime() - minutesBefore * 60_000);
          const end = new Date(at.getTime() + 3 * 3_600_000);
          const schedule = cronSchedule(expression, timezone);
          const due = dueSlotsBetween(schedule, after, end);
          expectSameDueTimes(schedule, due, cronerRuns(createCroner(expression, timezone), after, end));
        },
      ),
      { numRuns: 250 },
    );
  });
});

describe('where croner differs', () => {
  const core = (expression: string, timezone: string, from: string, to: string) =>
    dueSlotsBetween(cronSchedule(expression, timezone), new Date(from), new Date(to)).map((at) =>
      at.toISOString(),
    );
  const croner = (pattern: string, options: CronOptions, from: string, to: string) =>
    cronerRuns(
      new Cron(pattern, { mode: '5-part', ...options, paused: true }),
      new Date(from),
      new Date(to),
    ).map((at) => at.toISOString());
  const days = (instants: string[]) => instants.map((at) => at.slice(0, 10));

  it('needs both day fields when one starts with * (Vixie cron); croner takes either unless it is * itself', () => {
    const may = ['2026-05-01T00:00:00Z', '2026-05-12T00:00:00Z'] as const;
    // Odd days that are Fridays.
    expect(days(core('0 12 */2 * FRI', 'UTC', ...may))).toEqual(['2026-05-01']);
    // Odd days or Fridays.
    expect(days(croner('0 12 */2 * FRI', { timezone: 'UTC' }, ...may))).toEqual([
      '2026-05-01',
      '2026-05-03',
      '2026-05-05',
      '2026-05-07',
      '2026-05-08',
      '2026-05-09',
      '2026-05-11',
    ]);
    expect(days(croner('0 12 */2 * FRI', { timezone: 'UTC', domAndDow: true }, ...may))).toEqual([
      '2026-05-01',
    ]);
  });

  it('runs a weekday step such as MON/2 up to 7, the other Sunday; croner stops at Saturday', () => {
    const week = ['2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z'] as const; // Monday to Monday
    expect(days(core('0 9 * * MON/2', 'UTC', ...week))).toEqual([
      '2026-06-01',
      '2026-06-03',
      '2026-06-05',
      '2026-06-07',
    ]);
    expect(days(croner('0 9 * * MON/2', { timezone: 'UTC', sloppyRanges: true }, ...week))).toEqual([
      '2026-06-01',
      '2026-06-03',
      '2026-06-05',
    ]);
  });

  it('reads SUN as 0 at the end of a range too; croner reads it as 7', () => {
    const week = ['2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z'] as const;
    expect(days(core('0 9 * * 0-SUN', 'UTC', ...week))).toEqual(['2026-06-07']);
    expect(croner('0 9 * * 0-SUN', { timezone: 'UTC' }, ...week)).toHaveLength(7);
  });

  it('reads a step from a value (5/20) and a step past the maximum (*/8); croner needs an option or refuses', () => {
    const hour = ['2026-06-01T00:00:00Z', '2026-06-01T01:00:00Z'] as const;
    expect(core('5/20 * * * *', 'UTC', ...hour).map((at) => at.slice(11, 16))).toEqual([
      '00:05',
      '00:25',
      '00:45',
    ]);
    expect(() => croner('5/20 * * * *', { timezone: 'UTC' }, ...hour)).toThrow(
      /stepping with numeric prefix/,
    );
    expect(croner('5/20 * * * *', { timezone: 'UTC', sloppyRanges: true }, ...hour)).toEqual(
      core('5/20 * * * *', 'UTC', ...hour),
    );
    expect(days(core('0 9 * * */8', 'UTC', '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z'))).toEqual([
      '2026-06-07',
    ]);
    expect(() => croner('0 9 * * */8', { timezone: 'UTC' }, ...hour)).toThrow(/steps cannot be greater/);
  });

  it('posts the minutes of a spring-forward gap once, at its end; croner skips them', () => {
    const springForward = ['2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'] as const; // Berlin, 02:00 -> 03:00
    expect(core('*/15 2 * * *', 'Europe/Berlin', ...springForward)).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(croner('*/15 2 * * *', { timezone: 'Europe/Berlin' }, ...springForward)).toEqual([]);
  });

  it('posts the minutes of a fall-back overlap once, at their first occurrence; croner runs them twice', () => {
    const fallBack = ['2026-10-25T00:00:00Z', '2026-10-25T03:00:00Z'] as const; // Berlin, 03:00 -> 02:00
    expect(core('30 * * * *', 'Europe/Berlin', ...fallBack)).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T02:30:00.000Z', // 03:30 CET
    ]);
    expect(croner('30 * * * *', { timezone: 'Europe/Berlin' }, ...fallBack)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z', // 02:30 CET, the second time
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('agrees on a single time of day across both changes; a list of hours is an interval job to croner', () => {
    const springForward = ['2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'] as const;
    const fallBack = ['2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z'] as const;
    expect(core('30 2 * * *', 'Europe/Berlin', ...springForward)).toEqual(
      croner('30 2 * * *', { timezone: 'Europe/Berlin' }, ...springForward),
    );
    expect(core('30 2 * * *', 'Europe/Berlin', ...fallBack)).toEqual(
      croner('30 2 * * *', { timezone: 'Europe/Berlin' }, ...fallBack),
    );
    expect(core('30 2 * * *', 'Europe/Berlin', ...springForward)).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(core('30 2 * * *', 'Europe/Berlin', ...fallBack)).toEqual(['2026-10-25T00:30:00.000Z']);
    // A list of hours is an interval job to croner, so 02:30 is skipped in the gap (Vixie cron runs it).
    expect(core('30 1,2 * * *', 'Europe/Berlin', ...springForward)).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
    expect(croner('30 1,2 * * *', { timezone: 'Europe/Berlin' }, ...springForward)).toEqual([
      '2026-03-29T00:30:00.000Z',
    ]);
  });
});
