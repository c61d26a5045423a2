import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../src/core/result.js';
import { resolveTimezone } from '../../../src/core/timezones.js';

describe('resolveTimezone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['  EUROPE/BERLIN ', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['america/argentina/salta', 'America/Argentina/Salta'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('reads %j as %s', (input, name) => {
    expect(resolveTimezone(input)).toEqual(ok(name));
  });

  it('keeps an alias typed with capitals and resolves one typed in lowercase', () => {
    expect(resolveTimezone('US/Eastern')).toEqual(ok('US/Eastern'));
    expect(resolveTimezone('us/eastern')).toEqual(ok('America/New_York'));
  });

  it.each([
    ['Europe/Berln', 'Europe/Berlin'],
    ['Berlin', 'Europe/Berlin'],
    ['berlin', 'Europe/Berlin'],
    ['new york', 'America/New_York'],
    ['Amerika/New_York', 'America/New_York'],
    ['Londn', 'Europe/London'],
  ])('suggests a name for %j', (input, suggestion) => {
    expect(resolveTimezone(input)).toEqual(err({ suggestion }));
  });

  it.each(['', 'Mars/Olympus_Mons', 'x'.repeat(500), '+01:00', 'Zzzzzz/Qqqqqq'])(
    'rejects %j without a suggestion',
    (input) => {
      expect(resolveTimezone(input)).toEqual(err({}));
    },
  );
});
