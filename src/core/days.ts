const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** `count` consecutive days ending with `lastDay`, newest first: `('2026-06-12', 3)` → 12th, 11th, 10th. */
export function daysEndingOn(lastDay: string, count: number): string[] {
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => utcDay(new Date(end - index * DAY_MS)));
}

/** Midnight UTC at the start of a `YYYY-MM-DD` day, plus `offsetDays`. */
export const startOfUtcDay = (day: string, offsetDays = 0): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * DAY_MS);

/**
 * True for a real calendar day written `YYYY-MM-DD` (so `2026-02-30` is false).
 *
 * @example
 * isCalendarDate('2026-06-12'); // true
 */
export const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && utcDay(date) === text;
};
