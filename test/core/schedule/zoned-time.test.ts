import { describe, expect, it } from 'vitest';
import {
  isValidTimezone,
  zonedDate,
  zonedParts,
  zonedTimeToInstant,
} from '../../../src/core/schedule/zoned-time.js';

const instant = (date: string, time: string, timezone: string): string =>
  zonedTimeToInstant(date, time, timezone).toISOString();

describe('zonedParts', () => {
  it('reads the wall clock of an instant in a timezone, with a weekday from 0 (Sunday)', () => {
    expect(zonedParts(new Date('2026-06-12T07:00:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 6,
      day: 12,
      hour: 9,
      minute: 0,
      weekday: 5,
    });
  });

  it('gives the local day, which can differ from the UTC day', () => {
    const at = new Date('2026-06-14T21:00:00Z'); // a Sunday in UTC
    expect(zonedParts(at, 'Pacific/Auckland')).toMatchObject({ day: 15, hour: 9, weekday: 1 });
    expect(zonedDate(at, 'Pacific/Auckland')).toBe('2026-06-15');
    expect(zonedDate(at, 'America/Los_Angeles')).toBe('2026-06-14');
  });

  it('reads midnight as hour 0', () => {
    expect(zonedParts(new Date('2026-01-01T05:00:00Z'), 'America/New_York')).toMatchObject({
      day: 1,
      hour: 0,
      minute: 0,
    });
  });
});

describe('zonedTimeToInstant', () => {
  it.each([
    ['2026-06-12', '09:00', 'Europe/Berlin', '2026-06-12T07:00:00.000Z'],
    ['2026-01-12', '09:00', 'Europe/Berlin', '2026-01-12T08:00:00.000Z'],
    ['2026-06-12', '09:00', 'UTC', '2026-06-12T09:00:00.000Z'],
    ['2026-06-12', '09:00', 'Asia/Kathmandu', '2026-06-12T03:15:00.000Z'],
    ['2026-06-12', '09:00', 'America/St_Johns', '2026-06-12T11:30:00.000Z'],
    ['2026-06-12', '00:00', 'Pacific/Auckland', '2026-06-11T12:00:00.000Z'],
    ['2026-12-31', '23:59', 'Pacific/Kiritimati', '2026-12-31T09:59:00.000Z'],
  ])('reads %s %s in %s as %s', (date, time, timezone, expected) => {
    expect(instant(date, time, timezone)).toBe(expected);
  });

  it('moves a wall time in the spring-forward gap to the next valid minute', () => {
    expect(instant('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(instant('2026-03-29', '02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    expect(instant('2026-03-29', '03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    expect(instant('2026-03-29', '01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00.000Z');
    expect(instant('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(instant('2026-10-04', '02:30', 'Australia/Sydney')).toBe('2026-10-03T16:00:00.000Z'); // 03:00 AEDT
  });

  it('takes the first occurrence of a wall time in the fall-back overlap', () => {
    expect(instant('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z'); // CEST
    expect(instant('2026-10-25', '03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z'); // only CET
    expect(instant('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(instant('2026-04-05', '02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z'); // AEDT
  });

  it('handles half-hour daylight saving (Lord Howe Island) and a skipped day (Samoa, 2011)', () => {
    expect(instant('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z'); // 02:30
    expect(instant('2026-04-05', '01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z'); // first
    expect(instant('2011-12-30', '09:00', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z'); // 31 Dec 00:00
  });

  it('throws a RangeError for a malformed day or time or an unknown timezone', () => {
    expect(() => zonedTimeToInstant('2026-02-30', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2026-6-1', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2026-06-01', '24:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2026-06-01', '09:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('isValidTimezone', () => {
  it('accepts IANA names and UTC and rejects the rest', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });
});
