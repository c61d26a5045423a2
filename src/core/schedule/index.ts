export { type CronSpec, cronMatches, cronMatchesDay, parseCron } from './cron.js';
export { DAILY_PAPERS_CUTOFF, latestCompleteDailyPapersDay } from './daily-papers-day.js';
export { describeSchedule } from './describe-schedule.js';
export { dueSlotsBetween, MAX_SEARCH_DAYS, nextDueAt, slotKey } from './due-times.js';
export { planSchedule, type SchedulePlan, validateSchedule } from './schedule-plan.js';
export { isValidTimezone, type ZonedParts, zonedDate, zonedParts, zonedTimeToInstant } from './zoned-time.js';
