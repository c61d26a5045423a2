import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/core/channel.js';
import { describeSchedule } from '../../../src/core/schedule/describe-schedule.js';

const now = new Date('2026-06-12T08:00:00Z'); // Friday 10:00 in Berlin
const schedule = (days: Schedule['days'], timezone = 'Europe/Berlin', time = '09:30'): Schedule => ({
  enabled: true,
  time,
  timezone,
  days,
});

describe('describeSchedule', () => {
  it('says when a weekday schedule posts next, in its timezone', () => {
    expect(describeSchedule(schedule({ kind: 'weekdays' }), now)).toBe(
      'Weekdays at 09:30 Europe/Berlin (next: Mon 15 Jun, 09:30)',
    );
  });

  it('describes daily and cron schedules', () => {
    expect(describeSchedule(schedule({ kind: 'daily' }, 'UTC', '18:00'), now)).toBe(
      'Daily at 18:00 UTC (next: Fri 12 Jun, 18:00)',
    );
    expect(describeSchedule(schedule({ kind: 'cron', expression: '30 9 * * 1-5' }), now)).toBe(
      'Cron `30 9 * * 1-5` in Europe/Berlin (next: Mon 15 Jun, 09:30)',
    );
  });

  it('says Off for a disabled schedule', () => {
    expect(describeSchedule({ ...schedule({ kind: 'daily' }), enabled: false }, now)).toBe('Off');
  });

  it('shows the year when the next post is in another year', () => {
    expect(describeSchedule(schedule({ kind: 'cron', expression: '0 8 29 2 *' }), now)).toBe(
      'Cron `0 8 29 2 *` in Europe/Berlin (next: Tue 29 Feb 2028, 08:00)',
    );
  });

  it('shows the local time of the next post when daylight saving skips the digest time', () => {
    expect(
      describeSchedule(
        schedule({ kind: 'daily' }, 'Europe/Berlin', '02:30'),
        new Date('2026-03-28T12:00:00Z'),
      ),
    ).toBe('Daily at 02:30 Europe/Berlin (next: Sun 29 Mar, 03:00)');
  });

  it('says why a schedule cannot run, or that it never does', () => {
    expect(describeSchedule(schedule({ kind: 'daily' }, 'Mars/Olympus'), now)).toBe(
      'Daily at 09:30 Mars/Olympus (cannot run: Unknown timezone `Mars/Olympus`. Use an IANA name such as `Europe/Berlin` or `UTC`.)',
    );
    expect(describeSchedule(schedule({ kind: 'cron', expression: '0 0 31 2 *' }), now)).toBe(
      'Cron `0 0 31 2 *` in Europe/Berlin (never: no date matches)',
    );
  });
});
