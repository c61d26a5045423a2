import { describe, expect, it } from 'vitest';
import { storedNextDigest, storedNextRecap } from '../../src/core/schedule/stored-next-due.js';
import { daily } from './scheduler-fixtures.js';

const after = new Date('2026-06-12T08:00:00Z');

describe('the next-due time to store', () => {
  it('is the first due instant after the time, in the schedule’s own timezone', () => {
    expect(storedNextDigest(daily('09:00', 'Europe/Berlin'), after)).toEqual(
      new Date('2026-06-13T07:00:00Z'),
    );
    expect(storedNextDigest(daily('09:00'), after)).toEqual(new Date('2026-06-12T09:00:00Z'));
    expect(
      storedNextRecap({ enabled: true, weekday: 1, time: '16:00', timezone: 'Asia/Tokyo' }, after),
    ).toEqual(new Date('2026-06-15T07:00:00Z'));
  });

  it('is strictly after the time: a slot due at that very instant is not owed again', () => {
    const nine = new Date('2026-06-12T09:00:00Z');
    expect(storedNextDigest(daily('09:00'), nine)).toEqual(new Date('2026-06-13T09:00:00Z'));
  });

  it('is null for a digest or recap that is off', () => {
    expect(storedNextDigest({ ...daily('09:00'), enabled: false }, after)).toBeNull();
    expect(storedNextRecap({ enabled: false, weekday: 5, time: '16:00', timezone: 'UTC' }, after)).toBeNull();
  });

  it('is years away for a schedule that is on but never due, so ticks do not keep reading it', () => {
    const years = (date: Date | null) => ((date?.getTime() ?? 0) - after.getTime()) / (365 * 86_400_000);
    const never = { ...daily('00:00'), days: { kind: 'cron' as const, expression: '0 0 31 2 *' } };
    expect(years(storedNextDigest(never, after))).toBeGreaterThan(8);
    expect(years(storedNextDigest(daily('09:00', 'Mars/Olympus_Mons'), after))).toBeGreaterThan(8);
  });
});
