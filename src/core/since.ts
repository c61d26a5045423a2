import { isCalendarDate, startOfUtcDay } from './days.js';
import { err, ok, type Result } from './result.js';

const DAY_MS = 86_400_000;
const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

/**
 * Reads a `since` filter: a relative age (`7d`, `2w`, `3m`, `1y`) counted back from `now`, or a date
 * (`2026-06-01`, midnight UTC).
 */
export function parseSince(text: string, now: Date): Result<Date, string> {
  const trimmed = text.trim().toLowerCase();
  const relative = /^(\d{1,4})\s*([dwmy])$/.exec(trimmed);
  if (relative) {
    const days = Number(relative[1]) * (UNIT_DAYS[relative[2] ?? 'd'] ?? 1);
    return ok(new Date(now.getTime() - days * DAY_MS));
  }
  if (isCalendarDate(trimmed)) return ok(startOfUtcDay(trimmed));
  return err(`"${text}" is not a time span or a date; use e.g. 7d, 2w, 3m or 2026-06-01`);
}
