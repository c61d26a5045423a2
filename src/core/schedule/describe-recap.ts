import type { RecapSchedule } from '../channel.js';

const DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/**
 * The weekly recap's schedule in words.
 *
 * @example
 * describeRecap({ enabled: true, weekday: 5, time: '16:00', timezone: 'Europe/Berlin' }); // 'Fridays at 16:00 Europe/Berlin'
 */
export const describeRecap = (recap: RecapSchedule): string =>
  recap.enabled ? `${DAYS[recap.weekday] ?? 'Fridays'} at ${recap.time} ${recap.timezone}` : 'Off';
