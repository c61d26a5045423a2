import { describe, expect, it } from 'vitest';
import { type CronSpec, parseCron } from '../../../src/core/schedule/cron.js';
import { dueSlotsBetween } from '../../../src/core/schedule/due-times.js';
import { describeCronProblem } from '../../../src/core/schedule/schedule-problems.js';

function spec(expression: string): CronSpec {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new Error(describeCronProblem(parsed.error));
  return parsed.value;
}

describe('parseCron', () => {
  it('reads stars, lists, ranges and steps', () => {
    expect(spec('*/15 9-10 1,15 * *')).toMatchObject({
      minutes: [0, 15, 30, 45],
      hours: [9, 10],
      daysOfMonth: [1, 15],
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      daysOfWeek: [0, 1, 2, 3, 4, 5, 6],
      dayOfMonthRestricted: true,
      dayOfWeekRestricted: false,
    });
    expect(spec('0-30/10 8-18/4 * * *')).toMatchObject({ minutes: [0, 10, 20, 30], hours: [8, 12, 16] });
    expect(spec('5/20 * * * *').minutes).toEqual([5, 25, 45]);
    expect(spec('30,0,30 9 * * *').minutes).toEqual([0, 30]);
  });

  it('reads month and weekday names in any case', () => {
    expect(spec('0 9 * JAN-MAR,dec mon,Wed-FRI')).toMatchObject({
      months: [1, 2, 3, 12],
      daysOfWeek: [1, 3, 4, 5],
    });
  });

  it('reads both 0 and 7 as Sunday', () => {
    expect(spec('0 0 * * 7').daysOfWeek).toEqual([0]);
    expect(spec('0 0 * * 0').daysOfWeek).toEqual([0]);
    expect(spec('0 0 * * 5-7').daysOfWeek).toEqual([0, 5, 6]);
    expect(spec('0 0 * * SUN').daysOfWeek).toEqual([0]);
  });

  it('normalises whitespace in the expression', () => {
    expect(spec('  30   9 * *  1-5 ').expression).toBe('30 9 * * 1-5');
  });

  it('counts a field starting with * as unrestricted, as Vixie cron does', () => {
    expect(spec('0 0 */2 * 1')).toMatchObject({ dayOfMonthRestricted: false, dayOfWeekRestricted: true });
    expect(spec('0 0 13 * */2')).toMatchObject({ dayOfMonthRestricted: true, dayOfWeekRestricted: false });
  });

  it.each([
    ['30 9 * *', 'Expected five fields (minute hour day-of-month month day-of-week), got 4'],
    ['30 9 * * * *', 'got 6'],
    ['', 'got 0'],
    ['60 9 * * *', 'Minute `60` is out of range 0-59.'],
    ['0 24 * * *', 'Hour `24` is out of range 0-23.'],
    ['0 9 0 * *', 'Day-of-month `0` is out of range 1-31.'],
    ['0 9 * 13 *', 'Month `13` is out of range 1-12.'],
    ['0 9 * * 8', 'Day-of-week `8` is out of range 0-7.'],
    ['0 9 * * FUN', 'Day-of-week `FUN` is not a number or a name such as MON.'],
    ['0 9 * FOO *', 'Month `FOO` is not a number or a name such as FEB.'],
    ['MON 9 * * *', 'Minute `MON` is not a number.'],
    ['0 17-9 * * *', 'Range `17-9` in hour runs backwards; write it from low to high.'],
    ['0 9 * * FRI-MON', 'Range `FRI-MON` in day-of-week runs backwards'],
    ['*/0 9 * * *', 'Step `/0` in minute must be a whole number of at least 1.'],
    ['*/x 9 * * *', 'Step `/x` in minute'],
    ['*/ 9 * * *', 'Minute `*/` is malformed'],
    ['1/2/3 9 * * *', 'Minute `1/2/3` is malformed'],
    ['1,,2 9 * * *', 'Minute `1,,2` has an empty item'],
    ['-5 9 * * *', 'Range `-5` in minute is malformed'],
    ['1-2-3 9 * * *', 'Range `1-2-3` in minute is malformed'],
  ])('rejects %j with a readable reason', (expression, reason) => {
    const parsed = parseCron(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(describeCronProblem(parsed.error)).toContain(reason);
    }
  });
});

describe('the minutes a cron expression fires at', () => {
  // Friday 13 November 2026, 12:00 UTC.
  const friday13 = new Date('2026-11-13T12:00:00Z');
  const firesAtFriday13 = (expression: string): boolean =>
    dueSlotsBetween(
      { enabled: true, time: '09:00', timezone: 'UTC', days: { kind: 'cron', expression } },
      new Date(friday13.getTime() - 60_000),
      friday13,
    ).length === 1;

  it('matches minute, hour, month and day', () => {
    expect(firesAtFriday13('0 12 * * *')).toBe(true);
    expect(firesAtFriday13('1 12 * * *')).toBe(false);
    expect(firesAtFriday13('0 11 * * *')).toBe(false);
    expect(firesAtFriday13('0 12 * OCT *')).toBe(false);
  });

  it('matches either day field when both are restricted', () => {
    expect(firesAtFriday13('0 12 1 * FRI')).toBe(true);
    expect(firesAtFriday13('0 12 13 * MON')).toBe(true);
    expect(firesAtFriday13('0 12 1 * MON')).toBe(false);
  });

  it('needs both day fields when one starts with *', () => {
    expect(firesAtFriday13('0 12 13 * *')).toBe(true);
    expect(firesAtFriday13('0 12 */2 * MON')).toBe(false);
    expect(firesAtFriday13('0 12 */2 * FRI')).toBe(true);
    expect(firesAtFriday13('0 12 14 * */2')).toBe(false);
  });
});
