import { err, ok, type Result } from '../result.js';
import type { Command, ConfigChanges } from './command.js';
import { describeCommandError } from './command-error.js';
import { parseCommand } from './parse-command.js';
import { CONFIG_KEYS, parseConfig } from './parse-config.js';
import { readTimezone, WEEKDAY_NAMES } from './parse-schedule.js';

export type ConfigKey = (typeof CONFIG_KEYS)[number];

/**
 * What a settings form submits (a Slack modal, Discord's components), field by field as its controls give it:
 * text for numbers and choices, a list for sources, on/off for switches. A field left out is not changed.
 */
export type SettingsForm = Partial<Record<ConfigKey, string | readonly string[] | boolean>>;

/** What is wrong with one field, for an inline error next to it. */
export interface FieldError {
  field: ConfigKey;
  message: string;
}

/**
 * A settings form read exactly as `/papers config` reads the same values: each field becomes the `key:value` the
 * command takes and goes through the command's own parser, so a form sets nothing the command could not and
 * refuses what it refuses (a tampered `top` of 999, an unknown source). Every bad field gets its own error, so a
 * modal can show them all at once; then nothing is to be saved.
 *
 * @example
 * configFromForm({ top: '7', sources: ['hf', 'cs.LG'], threads: false }); // ok({ top: 7, sources: [...], threads: false })
 * configFromForm({ top: '999' }); // err([{ field: 'top', message: 'top must be a whole number from 1 to 20 (got 999).' }])
 */
export function configFromForm(form: SettingsForm): Result<ConfigChanges, FieldError[]> {
  const changes: ConfigChanges = {};
  const errors: FieldError[] = [];
  for (const key of CONFIG_KEYS) {
    const given = form[key];
    if (given === undefined) continue;
    const value =
      typeof given === 'boolean'
        ? given
          ? 'on'
          : 'off'
        : typeof given === 'string'
          ? given
          : given.join(',');
    const parsed = parseConfig([
      { raw: `${key}:${value}`, negated: false, key, value: value.trim(), quoted: false },
    ]);
    if (parsed.ok) Object.assign(changes, parsed.value.changes);
    else errors.push({ field: key, message: describeCommandError(parsed.error).message });
  }
  return errors.length > 0 ? err(errors) : ok(changes);
}

/** The days a schedule form offers: every day, weekdays, or the ones ticked (`mon` … `sun`). */
export type ScheduleFormDays = 'daily' | 'weekdays' | readonly string[];

/** What a schedule form submits: a time picker's `HH:MM`, a timezone, and the days. */
export interface ScheduleForm {
  time: string;
  timezone: string;
  days: ScheduleFormDays;
}

export type ScheduleField = 'time' | 'timezone' | 'days';

type ScheduleCommand = Extract<Command, { kind: 'schedule' }>;

/**
 * A schedule form read as `/papers schedule` reads it: `HH:MM timezone daily|weekdays`, or for ticked days the
 * cron expression `MM HH * * 1,3,5` in the timezone, through the command's own parser. Each bad field gets its
 * own error.
 *
 * @example
 * scheduleFromForm({ time: '09:30', timezone: 'Europe/Berlin', days: ['mon', 'wed'] });
 * // ok({ kind: 'schedule', time: '09:30', timezone: 'Europe/Berlin', days: { kind: 'cron', expression: '30 9 * * 1,3' } })
 */
export function scheduleFromForm(
  form: ScheduleForm,
): Result<ScheduleCommand, { field: ScheduleField; message: string }[]> {
  const errors: { field: ScheduleField; message: string }[] = [];
  const time = form.time.trim();
  const timezone = form.timezone.trim();
  const timeOk = /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
  if (!timeOk)
    errors.push({ field: 'time', message: `Pick a time of day as HH:MM (got ${JSON.stringify(time)}).` });
  if (timezone === '' || /\s/.test(timezone))
    errors.push({ field: 'timezone', message: 'Pick a timezone, e.g. Europe/Berlin.' });
  else {
    const known = readTimezone(timezone);
    if (!known.ok) errors.push({ field: 'timezone', message: describeCommandError(known.error).message });
  }
  const ticked = typeof form.days === 'string' ? [] : [...new Set(form.days.map((day) => day.toLowerCase()))];
  const unknown = ticked.filter((day) => !(WEEKDAY_NAMES as readonly string[]).includes(day));
  if (typeof form.days !== 'string' && (ticked.length === 0 || unknown.length > 0))
    errors.push({ field: 'days', message: 'Tick at least one day of the week.' });
  else if (typeof form.days === 'string' && form.days !== 'daily' && form.days !== 'weekdays')
    errors.push({ field: 'days', message: 'Choose daily, weekdays or the days to post on.' });
  if (errors.length > 0) return err(errors);

  const [hours = '0', minutes = '0'] = time.split(':');
  const text =
    typeof form.days === 'string'
      ? `${time} ${timezone} ${form.days}`
      : `cron "${Number(minutes)} ${Number(hours)} * * ${WEEKDAY_NAMES.map((day, index) =>
          ticked.includes(day) ? index : -1,
        )
          .filter((index) => index >= 0)
          .join(',')}" ${timezone}`;
  const parsed = parseCommand(`schedule ${text}`);
  if (parsed.ok && parsed.value.kind === 'schedule') return ok(parsed.value);
  return err([
    {
      field: 'days',
      message: parsed.ok ? 'Choose the days to post on.' : describeCommandError(parsed.error).message,
    },
  ]);
}
