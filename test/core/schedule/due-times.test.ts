import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/core/channel.js';
import {
  dueSlotsBetween,
  MAX_SEARCH_DAYS,
  nextDueAt,
  slotKey,
} from '../../../src/core/schedule/due-times.js';
import { zonedParts } from '../../../src/core/schedule/zoned-time.js';

const daily = (time: string, timezone: string): Schedule => ({
  enabled: true,
  time,
  timezone,
  days: { kind: 'daily' },
});
const weekdays = (time: string, timezone: string): Schedule => ({
  ...daily(time, timezone),
  days: { kind: 'weekdays' },
});
const cron = (expression: string, timezone = 'UTC'): Schedule => ({
  ...daily('09:00', timezone),
  days: { kind: 'cron', expression },
});

const slots = (schedule: Schedule, from: string, to: string): string[] =>
  dueSlotsBetween(schedule, new Date(from), new Date(to)).map((at) => at.toISOString());
const next = (schedule: Schedule, after: string): string | null =>
  nextDueAt(schedule, new Date(after))?.toISOString() ?? null;

describe('a 09:00 daily digest across daylight saving changes', () => {
  it.each([
    [
      'Europe/Berlin spring forward',
      'Europe/Berlin',
      '2026-03-28',
      ['03-28T08:00', '03-29T07:00', '03-30T07:00'],
    ],
    ['Europe/Berlin fall back', 'Europe/Berlin', '2026-10-24', ['10-24T07:00', '10-25T08:00', '10-26T08:00']],
    [
      'America/New_York spring forward',
      'America/New_York',
      '2026-03-07',
      ['03-07T14:00', '03-08T13:00', '03-09T13:00'],
    ],
    [
      'America/New_York fall back',
      'America/New_York',
      '2026-10-31',
      ['10-31T13:00', '11-01T14:00', '11-02T14:00'],
    ],
  ])('posts at 09:00 local on both sides of the %s', (_, timezone, firstDay, expected) => {
    const from = new Date(`${firstDay}T00:00:00Z`);
    const due = dueSlotsBetween(daily('09:00', timezone), from, new Date(from.getTime() + 3 * 86_400_000));
    expect(due.map((at) => at.toISOString().slice(5, 16))).toEqual(expected);
    for (const at of due) expect(zonedParts(at, timezone)).toMatchObject({ hour: 9, minute: 0 });
  });

  it('posts at 09:00 local in Sydney when the southern hemisphere falls back on 5 April', () => {
    expect(slots(daily('09:00', 'Australia/Sydney'), '2026-04-03T12:00:00Z', '2026-04-06T12:00:00Z')).toEqual(
      [
        '2026-04-03T22:00:00.000Z', // Sat 4 Apr 09:00 AEDT (+11)
        '2026-04-04T23:00:00.000Z', // Sun 5 Apr 09:00 AEST (+10)
        '2026-04-05T23:00:00.000Z', // Mon 6 Apr 09:00 AEST
      ],
    );
  });

  it('posts at 09:00 local in Sydney when it springs forward on 4 October', () => {
    expect(slots(daily('09:00', 'Australia/Sydney'), '2026-10-02T12:00:00Z', '2026-10-05T12:00:00Z')).toEqual(
      [
        '2026-10-02T23:00:00.000Z', // Sat 3 Oct 09:00 AEST (+10)
        '2026-10-03T22:00:00.000Z', // Sun 4 Oct 09:00 AEDT (+11)
        '2026-10-04T22:00:00.000Z', // Mon 5 Oct 09:00 AEDT
      ],
    );
  });
});

describe('a digest time that daylight saving skips or repeats', () => {
  it('posts a time in the spring-forward gap at the next valid minute', () => {
    expect(next(daily('02:30', 'Europe/Berlin'), '2026-03-28T12:00:00Z')).toBe('2026-03-29T01:00:00.000Z');
    expect(next(daily('02:30', 'America/New_York'), '2026-03-07T12:00:00Z')).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedParts(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toMatchObject({
      hour: 3,
      minute: 0,
    });
  });

  it('goes back to the usual time the day after the gap', () => {
    expect(slots(daily('02:30', 'Europe/Berlin'), '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('posts a time in the fall-back overlap once, at its first occurrence', () => {
    expect(slots(daily('02:30', 'Europe/Berlin'), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z',
    ]);
    expect(slots(daily('01:30', 'America/New_York'), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z')).toEqual(
      ['2026-11-01T05:30:00.000Z'],
    );
    // Between the first and the second 01:30 nothing more is due.
    expect(next(daily('01:30', 'America/New_York'), '2026-11-01T05:30:00Z')).toBe('2026-11-02T06:30:00.000Z');
  });

  it('runs an hourly cron 23 times on the short day and 24 times on the long day', () => {
    const hourly = cron('0 * * * *', 'Europe/Berlin');
    const short = slots(hourly, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z');
    expect(short).toHaveLength(23);
    expect(short.slice(0, 3)).toEqual([
      '2026-03-29T00:00:00.000Z', // 01:00 CET
      '2026-03-29T01:00:00.000Z', // 02:00 does not exist: 03:00 CEST
      '2026-03-29T02:00:00.000Z', // 04:00 CEST
    ]);
    const long = slots(hourly, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z');
    expect(long).toHaveLength(24);
    expect(long.slice(0, 3)).toEqual([
      '2026-10-24T23:00:00.000Z', // 01:00 CEST
      '2026-10-25T00:00:00.000Z', // 02:00 CEST, the first of two
      '2026-10-25T02:00:00.000Z', // 03:00 CET
    ]);
  });

  it('moves a time in a gap that starts at midnight (Santiago) to the next valid minute', () => {
    expect(next(daily('00:30', 'America/Santiago'), '2026-09-05T12:00:00Z')).toBe('2026-09-06T04:00:00.000Z');
    expect(zonedParts(new Date('2026-09-06T04:00:00Z'), 'America/Santiago')).toMatchObject({
      day: 6,
      hour: 1,
    });
  });

  it('posts the minutes of a cron in the gap once, at the next valid minute', () => {
    expect(
      slots(cron('*/15 2 * * *', 'Europe/Berlin'), '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'),
    ).toEqual(['2026-03-29T01:00:00.000Z']);
  });
});

describe('weekdays', () => {
  it('skips Saturday and Sunday in the schedule timezone, where the UTC weekday differs (Auckland)', () => {
    // 09:00 in Auckland (+12 in June) is 21:00 UTC the day before: Monday's digest is on a UTC Sunday.
    expect(
      slots(weekdays('09:00', 'Pacific/Auckland'), '2026-06-12T00:00:00Z', '2026-06-19T00:00:00Z'),
    ).toEqual([
      '2026-06-14T21:00:00.000Z',
      '2026-06-15T21:00:00.000Z',
      '2026-06-16T21:00:00.000Z',
      '2026-06-17T21:00:00.000Z',
      '2026-06-18T21:00:00.000Z',
    ]);
  });

  it('posts on Friday evening in Los Angeles, a UTC Saturday, and not on Sunday evening', () => {
    expect(
      slots(weekdays('18:00', 'America/Los_Angeles'), '2026-06-12T00:00:00Z', '2026-06-16T00:00:00Z'),
    ).toEqual(['2026-06-12T01:00:00.000Z', '2026-06-13T01:00:00.000Z']);
    expect(next(weekdays('18:00', 'America/Los_Angeles'), '2026-06-13T01:00:00Z')).toBe(
      '2026-06-16T01:00:00.000Z',
    );
  });

  it('waits from Friday after the digest to Monday', () => {
    expect(next(weekdays('09:30', 'Europe/Berlin'), '2026-06-12T07:30:00Z')).toBe('2026-06-15T07:30:00.000Z');
  });
});

describe('nextDueAt', () => {
  it('is strictly after the given instant', () => {
    expect(next(daily('09:00', 'UTC'), '2026-06-12T09:00:00Z')).toBe('2026-06-13T09:00:00.000Z');
    expect(next(daily('09:00', 'UTC'), '2026-06-12T08:59:59.999Z')).toBe('2026-06-12T09:00:00.000Z');
  });

  it('is null when the schedule is off or cannot be evaluated', () => {
    expect(
      nextDueAt({ ...daily('09:00', 'UTC'), enabled: false }, new Date('2026-06-12T00:00:00Z')),
    ).toBeNull();
    expect(next(daily('09:00', 'Mars/Olympus'), '2026-06-12T00:00:00Z')).toBeNull();
    expect(next(cron('61 * * * *'), '2026-06-12T00:00:00Z')).toBeNull();
  });

  it('evaluates cron in the schedule timezone', () => {
    expect(next(cron('30 9 * * 1-5', 'Europe/Berlin'), '2026-06-12T08:00:00Z')).toBe(
      '2026-06-15T07:30:00.000Z',
    );
    expect(next(cron('0 0 * * *', 'Asia/Tokyo'), '2026-06-12T14:59:00Z')).toBe('2026-06-12T15:00:00.000Z');
  });

  it('walks ranges, steps, names and lists', () => {
    const schedule = cron('*/20 8-9 * * MON,WED');
    expect(
      slots(schedule, '2026-06-14T00:00:00Z', '2026-06-18T00:00:00Z').map((at) => at.slice(5, 16)),
    ).toEqual([
      '06-15T08:00',
      '06-15T08:20',
      '06-15T08:40',
      '06-15T09:00',
      '06-15T09:20',
      '06-15T09:40',
      '06-17T08:00',
      '06-17T08:20',
      '06-17T08:40',
      '06-17T09:00',
      '06-17T09:20',
      '06-17T09:40',
    ]);
    expect(next(cron('0 9 1 JAN-MAR,OCT *'), '2026-03-02T00:00:00Z')).toBe('2026-10-01T09:00:00.000Z');
  });

  it('matches either day-of-month or day-of-week when both are restricted', () => {
    // June 2026: the 13th is a Saturday; Fridays are the 5th, 12th, 19th and 26th.
    expect(
      slots(cron('0 12 13 * FRI'), '2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z').map((at) =>
        at.slice(0, 10),
      ),
    ).toEqual(['2026-06-05', '2026-06-12', '2026-06-13', '2026-06-19', '2026-06-26']);
  });

  it('needs both day fields when day-of-month starts with * (Vixie cron)', () => {
    // Odd days of May 2026 that are Fridays: 1, 15 and 29.
    expect(
      slots(cron('0 12 */2 * FRI'), '2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z').map((at) =>
        at.slice(0, 10),
      ),
    ).toEqual(['2026-05-01', '2026-05-15', '2026-05-29']);
  });

  it('finds 29 February years ahead, skipping 2100', () => {
    expect(next(cron('0 0 29 2 *'), '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next(cron('0 0 29 2 *'), '2096-03-01T00:00:00Z')).toBe('2104-02-29T00:00:00.000Z');
  });

  it('is null for a cron that matches no day', () => {
    for (const expression of ['0 0 31 2 *', '0 0 30 2 *', '0 0 31 4,6,9,11 *']) {
      expect(next(cron(expression, 'Europe/Berlin'), '2026-06-12T00:00:00Z')).toBeNull();
    }
    expect(MAX_SEARCH_DAYS).toBeGreaterThanOrEqual(8 * 365);
  });
});

describe('dueSlotsBetween', () => {
  it('lists every due slot in (from, to] across a week, in order', () => {
    expect(slots(weekdays('09:00', 'Europe/Berlin'), '2026-06-08T07:00:00Z', '2026-06-15T07:00:00Z')).toEqual(
      [
        '2026-06-09T07:00:00.000Z',
        '2026-06-10T07:00:00.000Z',
        '2026-06-11T07:00:00.000Z',
        '2026-06-12T07:00:00.000Z',
        '2026-06-15T07:00:00.000Z',
      ],
    );
    expect(
      slots(daily('09:00', 'Europe/Berlin'), '2026-06-08T06:00:00Z', '2026-06-15T06:00:00Z'),
    ).toHaveLength(7);
  });

  it('is empty for an empty or reversed range and for a disabled schedule', () => {
    expect(slots(daily('09:00', 'UTC'), '2026-06-12T09:00:00Z', '2026-06-12T09:00:00Z')).toEqual([]);
    expect(slots(daily('09:00', 'UTC'), '2026-06-13T00:00:00Z', '2026-06-12T00:00:00Z')).toEqual([]);
    expect(
      dueSlotsBetween(
        { ...daily('09:00', 'UTC'), enabled: false },
        new Date(0),
        new Date('2026-06-12T00:00:00Z'),
      ),
    ).toEqual([]);
  });

  it('finds the missed slots after downtime', () => {
    expect(slots(cron('0 */6 * * *'), '2026-06-12T05:00:00Z', '2026-06-13T00:00:00Z')).toEqual([
      '2026-06-12T06:00:00.000Z',
      '2026-06-12T12:00:00.000Z',
      '2026-06-12T18:00:00.000Z',
      '2026-06-13T00:00:00.000Z',
    ]);
  });
});

describe('slotKey', () => {
  it('is the instant to the minute in UTC', () => {
    expect(slotKey(new Date('2026-06-12T07:00:00Z'))).toBe('2026-06-12T07:00Z');
    expect(slotKey(new Date('2026-06-12T07:00:59.999Z'))).toBe('2026-06-12T07:00Z');
  });
});
