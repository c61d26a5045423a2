import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/core/channel.js';
import { dueSlotsBetween, nextDueAt } from '../../../src/core/schedule/due-times.js';
import { type ZonedParts, zonedParts, zonedTimeToInstant } from '../../../src/core/schedule/zoned-time.js';

const wallMs = (parts: ZonedParts): number =>
  Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);

const TIMEZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'America/Santiago',
  'Pacific/Chatham',
];

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);

const dailySchedule: fc.Arbitrary<Schedule> = fc.record({
  enabled: fc.constant(true),
  time,
  timezone: fc.constantFrom(...TIMEZONES),
  days: fc.constantFrom({ kind: 'daily' as const }, { kind: 'weekdays' as const }),
});

const cronSchedule: fc.Arbitrary<Schedule> = fc
  .record({
    minute: fc.constantFrom('*/15', '0', '30', '0,45', '5-10', '59'),
    hour: fc.constantFrom('*', '2', '1-3', '9', '*/6', '23'),
    dayOfMonth: fc.constantFrom('*', '1', '13', '*/2', '29', '31'),
    month: fc.constantFrom('*', '2', 'MAR-OCT', '*/3', 'NOV,DEC'),
    dayOfWeek: fc.constantFrom('*', 'MON-FRI', '0', 'SAT,SUN', '*/2', '7'),
    timezone: fc.constantFrom(...TIMEZONES),
  })
  .map(({ timezone, ...fields }) => ({
    enabled: true,
    time: '09:00',
    timezone,
    days: { kind: 'cron' as const, expression: Object.values(fields).join(' ') },
  }));

const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2040-01-01T00:00:00Z'),
  noInvalidDate: true,
});

describe('nextDueAt and dueSlotsBetween agree', () => {
  it('finds the next due slot strictly after an instant, with no due slot in between', () => {
    fc.assert(
      fc.property(dailySchedule, instant, (schedule, after) => {
        const next = nextDueAt(schedule, after);
        expect(next).not.toBeNull();
        if (next === null) return;
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(dueSlotsBetween(schedule, after, next)).toEqual([next]);
        expect(dueSlotsBetween(schedule, after, new Date(next.getTime() - 1))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('does the same for cron schedules, which can be due many times a day', () => {
    fc.assert(
      fc.property(cronSchedule, instant, (schedule, after) => {
        const next = nextDueAt(schedule, after);
        if (next === null) return; // e.g. day 31 in February only
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(dueSlotsBetween(schedule, after, next)).toEqual([next]);
      }),
      { numRuns: 500 },
    );
  });

  it('posts at the schedule time on the local day, or at the next valid minute when it does not exist', () => {
    fc.assert(
      fc.property(dailySchedule, instant, (schedule, after) => {
        const next = nextDueAt(schedule, after);
        if (next === null) return;
        const parts = zonedParts(next, schedule.timezone);
        const wall = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
        if (wall !== schedule.time) {
          // Only a time skipped by daylight saving moves, and only forwards.
          expect(wall > schedule.time).toBe(true);
          // The clock jumped at `next`: a minute earlier it read more than a minute less (in Santiago the gap
          // starts at midnight, so that reading is on the day before).
          const before = zonedParts(new Date(next.getTime() - 60_000), schedule.timezone);
          expect(wallMs(parts) - wallMs(before)).toBeGreaterThan(60_000);
        }
        if (schedule.days.kind === 'weekdays') expect([1, 2, 3, 4, 5]).toContain(parts.weekday);
        const day = `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
        expect(zonedTimeToInstant(day, schedule.time, schedule.timezone)).toEqual(next);
      }),
      { numRuns: 500 },
    );
  });
});
