import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChannelSettings, DEFAULT_SETTINGS, type Schedule } from '../../../src/core/channel.js';
import { daysOfTicks, scheduleFormOf, settingsFormOf } from '../../../src/core/commands/form-values.js';
import { parseCommand } from '../../../src/core/commands/parse-command.js';
import { configFromForm, scheduleFromForm } from '../../../src/core/commands/settings-form.js';

const settings = fc.record({
  top: fc.integer({ min: 1, max: 20 }),
  minUpvotes: fc.integer({ min: 0, max: 100_000 }),
  sources: fc.uniqueArray(fc.constantFrom('hf', 'cs.LG', 'cs.CL', 'hep-th', 'math.GT', 'q-bio.NC'), {
    minLength: 1,
    maxLength: 6,
  }),
  threads: fc.boolean(),
  alerts: fc.constantFrom('digest' as const, 'instant' as const),
  postWhenEmpty: fc.boolean(),
  learn: fc.boolean(),
  shared: fc.constantFrom('show' as const, 'hide' as const),
});

describe('settingsFormOf', () => {
  it('shows settings so that submitting the form unchanged stores them again', () => {
    fc.assert(
      fc.property(settings, (chosen) => {
        const current: ChannelSettings = { ...DEFAULT_SETTINGS, ...chosen };
        const changes = configFromForm(settingsFormOf(current));
        expect(changes.ok && { ...current, ...changes.value }).toEqual(current);
      }),
    );
  });
});

const schedule = (days: Schedule['days'], time = '09:30'): Schedule => ({
  enabled: true,
  time,
  timezone: 'Europe/Berlin',
  days,
});

describe('scheduleFormOf', () => {
  it.each([
    [schedule({ kind: 'daily' }), 'schedule 09:30 Europe/Berlin daily'],
    [schedule({ kind: 'weekdays' }), 'schedule 09:30 Europe/Berlin weekdays'],
    [
      schedule({ kind: 'cron', expression: '5 7 * * 1,3,5' }, '07:05'),
      'schedule cron "5 7 * * 1,3,5" Europe/Berlin',
    ],
    [
      schedule({ kind: 'cron', expression: '0 18 * * 0,6' }, '18:00'),
      'schedule cron "0 18 * * 0,6" Europe/Berlin',
    ],
    [
      schedule({ kind: 'cron', expression: '0 18 * * 7' }, '18:00'),
      'schedule cron "0 18 * * 0" Europe/Berlin',
    ],
  ])('shows %j so that saving it unchanged is %s', (current, text) => {
    const form = scheduleFormOf(current);
    expect(form.unshown).toBeUndefined();
    expect(scheduleFromForm({ ...form, days: daysOfTicks(form.days) })).toEqual(parseCommand(text));
  });

  it('says when the controls cannot show a cron schedule, and starts from its time on weekdays', () => {
    const form = scheduleFormOf(schedule({ kind: 'cron', expression: '*/30 9-17 * * 1-5' }, '00:00'));
    expect(form).toEqual({
      time: '00:00',
      timezone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      unshown: '*/30 9-17 * * 1-5',
    });
  });
});

describe('daysOfTicks', () => {
  it('reads all seven days as daily and Monday to Friday as weekdays, in any order and case', () => {
    expect(daysOfTicks(['sun', 'SAT', 'fri', 'thu', 'wed', 'tue', 'mon'])).toBe('daily');
    expect(daysOfTicks(['fri', 'mon', 'tue', 'wed', 'thu'])).toBe('weekdays');
    expect(daysOfTicks(['mon', 'wed'])).toEqual(['mon', 'wed']);
    expect(daysOfTicks([])).toEqual([]);
  });
});
