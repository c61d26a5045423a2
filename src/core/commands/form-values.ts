import type { ChannelSettings, Schedule } from '../channel.js';
import { WEEKDAY_NAMES } from './parse-schedule.js';
import type { ScheduleForm, SettingsForm } from './settings-form.js';

export type WeekdayName = (typeof WEEKDAY_NAMES)[number];
/** Monday first, as people read a week. */
export const FORM_WEEKDAYS: readonly WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** How a form labels each day. */
export const WEEKDAY_LABELS: Readonly<Record<WeekdayName, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const MON_TO_FRI: readonly WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * What a settings form shows before anyone touches it: the channel's settings as the controls hold them, so
 * submitting it unchanged stores the same settings again.
 */
export function settingsFormOf(settings: ChannelSettings): Required<SettingsForm> {
  return {
    top: String(settings.top),
    'min-upvotes': String(settings.minUpvotes),
    sources: [...settings.sources],
    threads: settings.threads,
    alerts: settings.alerts,
    empty: settings.postWhenEmpty,
    learn: settings.learn,
    shared: settings.shared,
    language: settings.language,
  };
}

/**
 * A schedule as a form's time, timezone and ticked days. Daily is every day ticked, weekdays Monday to Friday;
 * a cron schedule of the form `M H * * days` shows its time and days; any other cron expression cannot be shown
 * by the controls, so the form starts at its time of day with weekdays and says so (`unshown`).
 */
export function scheduleFormOf(
  schedule: Schedule,
): ScheduleForm & { days: readonly WeekdayName[]; unshown?: string } {
  const base = { time: schedule.time, timezone: schedule.timezone };
  if (schedule.days.kind === 'daily') return { ...base, days: FORM_WEEKDAYS };
  if (schedule.days.kind === 'weekdays') return { ...base, days: MON_TO_FRI };
  const simple = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7](?:,[0-7])*|\*)$/.exec(schedule.days.expression.trim());
  const [minute, hour, days] = simple ? [Number(simple[1]), Number(simple[2]), simple[3]!] : [NaN, NaN, ''];
  if (!simple || minute > 59 || hour > 23)
    return { ...base, days: MON_TO_FRI, unshown: schedule.days.expression.trim() };
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const ticked =
    days === '*'
      ? FORM_WEEKDAYS
      : FORM_WEEKDAYS.filter((day) =>
          days
            .split(',')
            .map((n) => WEEKDAY_NAMES[Number(n) % 7])
            .includes(day),
        );
  return { ...base, time, days: ticked };
}

/** Ticked days as the schedule form reads them: all seven is `daily`, Monday to Friday is `weekdays`. */
export function daysOfTicks(ticked: readonly string[]): ScheduleForm['days'] {
  const set = new Set(ticked.map((day) => day.toLowerCase()));
  if (set.size === 7 && FORM_WEEKDAYS.every((day) => set.has(day))) return 'daily';
  if (set.size === 5 && MON_TO_FRI.every((day) => set.has(day))) return 'weekdays';
  return ticked;
}
