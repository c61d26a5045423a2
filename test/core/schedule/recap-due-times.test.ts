import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecapSchedule } from '../../../src/core/channel.js';
import { describeRecap } from '../../../src/core/schedule/describe-recap.js';
import {
  dueRecapsBetween,
  nextRecapAt,
  recapAsSchedule,
  recapSlotKey,
} from '../../../src/core/schedule/recap-due-times.js';
import { instant, TIMEZONES } from '../../helpers/cron-expressions.js';

const recap = (weekday: number, time: string, timezone = 'UTC'): RecapSchedule => ({
  enabled: true,
  weekday,
  time,
  timezone,
});
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
const between = (schedule: RecapSchedule, from: string, to: string) =>
  iso(dueRecapsBetween(schedule, new Date(from), new Date(to)));

describe('weekly recap due times', () => {
  it('is a cron of one minute on one weekday in its timezone', () => {
    expect(recapAsSchedule(recap(5, '16:00', 'Europe/Berlin'))).toEqual({
      enabled: true,
      time: '16:00',
      timezone: 'Europe/Berlin',
      days: { kind: 'cron', expression: '0 16 * * 5' },
    });
    expect(recapAsSchedule(recap(0, '07:05')).days).toEqual({ kind: 'cron', expression: '5 7 * * 0' });
  });

  it('is due once a week at the local time, an hour earlier in UTC once Berlin is on summer time', () => {
    expect(
      between(recap(5, '16:00', 'Europe/Berlin'), '2026-03-20T00:00:00Z', '2026-04-11T00:00:00Z'),
    ).toEqual([
      '2026-03-20T15:00:00.000Z',
      '2026-03-27T15:00:00.000Z',
      '2026-04-03T14:00:00.000Z',
      '2026-04-10T14:00:00.000Z',
    ]);
  });

  it('posts a time skipped by spring-forward at the next valid minute, once', () => {
    // Sunday 29 March 2026: Berlin's clocks go from 02:00 to 03:00, so 02:30 does not exist.
    expect(
      between(recap(0, '02:30', 'Europe/Berlin'), '2026-03-28T00:00:00Z', '2026-04-06T00:00:00Z'),
    ).toEqual(['2026-03-29T01:00:00.000Z', '2026-04-05T00:30:00.000Z']);
    // Sunday 8 March 2026 in New York: 02:00 becomes 03:00 EDT.
    expect(
      between(recap(0, '02:15', 'America/New_York'), '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z'),
    ).toEqual(['2026-03-08T07:00:00.000Z']);
  });

  it('posts a time that occurs twice on fall-back day once, at its first occurrence', () => {
    // Sunday 25 October 2026: Berlin's 02:30 happens at 00:30Z (summer time) and again at 01:30Z.
    expect(
      between(recap(0, '02:30', 'Europe/Berlin'), '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z'),
    ).toEqual(['2026-10-25T00:30:00.000Z']);
    expect(
      between(recap(0, '01:30', 'America/New_York'), '2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z'),
    ).toEqual(['2026-11-01T05:30:00.000Z']);
  });

  it('gives the next time strictly after now, and none when off or not evaluable', () => {
    const friday = recap(5, '16:00', 'Europe/Berlin');
    expect(nextRecapAt(friday, new Date('2026-06-15T08:00:00Z'))?.toISOString()).toBe(
      '2026-06-19T14:00:00.000Z',
    );
    expect(nextRecapAt(friday, new Date('2026-06-19T14:00:00Z'))?.toISOString()).toBe(
      '2026-06-26T14:00:00.000Z',
    );
    expect(nextRecapAt({ ...friday, enabled: false }, new Date('2026-06-15T08:00:00Z'))).toBeNull();
    expect(nextRecapAt({ ...friday, timezone: 'Mars/Base' }, new Date('2026-06-15T08:00:00Z'))).toBeNull();
    expect(
      dueRecapsBetween({ ...friday, enabled: false }, new Date(0), new Date('2026-06-20T00:00:00Z')),
    ).toEqual([]);
  });

  it('claims under a key of its own, which no digest slot can have', () => {
    expect(recapSlotKey(new Date('2026-06-19T14:00:00Z'))).toBe('recap:2026-06-19T14:00Z');
  });

  it('agrees with croner on random weekly times, timezones and instants', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...TIMEZONES),
        instant,
        (weekday, hour, minute, timezone, after) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const job = new Cron(`${minute} ${hour} * * ${weekday}`, {
            timezone,
            mode: '5-part',
            paused: true,
          });
          expect(nextRecapAt(recap(weekday, time, timezone), after)?.toISOString()).toBe(
            job.nextRun(after)?.toISOString(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with croner on every week of 2025-2027, daylight-saving weeks included', () => {
    for (const timezone of TIMEZONES) {
      for (const [weekday, hour, minute] of [
        [0, 2, 30],
        [0, 1, 30],
        [5, 16, 0],
        [6, 0, 15],
      ] as const) {
        const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const from = new Date('2025-01-01T00:00:00Z');
        const to = new Date('2028-01-01T00:00:00Z');
        const job = new Cron(`${minute} ${hour} * * ${weekday}`, { timezone, mode: '5-part', paused: true });
        const runs: string[] = [];
        for (const at of job.enumerate(from)) {
          if (at.getTime() > to.getTime()) break;
          runs.push(at.toISOString());
        }
        expect(
          iso(dueRecapsBetween(recap(weekday, time, timezone), from, to)),
          `${timezone} ${time}`,
        ).toEqual(runs);
      }
    }
  });
});

describe('the recap in words', () => {
  const friday = recap(5, '16:00', 'Europe/Berlin');

  it('says when it posts, and with a clock, when it posts next in its own timezone', () => {
    expect(describeRecap(friday)).toBe('Fridays at 16:00 Europe/Berlin');
    expect(describeRecap(friday, new Date('2026-06-15T08:00:00Z'))).toBe(
      'Fridays at 16:00 Europe/Berlin (next: Fri 19 Jun, 16:00)',
    );
    expect(describeRecap(recap(0, '09:00'), new Date('2026-12-28T08:00:00Z'))).toBe(
      'Sundays at 09:00 UTC (next: Sun 3 Jan 2027, 09:00)',
    );
    expect(describeRecap({ ...friday, enabled: false }, new Date())).toBe('Off');
  });

  it('says why a recap with an unknown timezone cannot run', () => {
    expect(describeRecap({ ...friday, timezone: 'Mars/Base' }, new Date('2026-06-15T08:00:00Z'))).toBe(
      'Fridays at 16:00 Mars/Base (cannot run: Unknown timezone `Mars/Base`. Use an IANA name such as `Europe/Berlin` or `UTC`.)',
    );
  });
});
