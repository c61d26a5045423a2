import type { Card } from '../../core/cards/card.js';

/** `/papers schedule 09:30 [Europe/Berlin] [weekdays]` as the `/digest schedule` options. */
const SCHEDULE = /^\/papers schedule (\d{1,2}:\d{2})(?: ([A-Za-z_+\-/]+?))?(?: (daily|weekdays))?$/;
/** `/papers schedule recap fri 16:00 [Europe/Berlin]` as the `/digest recap` options. */
const RECAP = /^\/papers schedule recap ([a-z]{3,9}) (\d{1,2}:\d{2})(?: ([A-Za-z_+\-/]+))?$/i;

/**
 * The core's examples are written in the `/papers <text>` language of Slack and the console; on Discord the
 * same things are separate commands with options. Rewrites an example into the Discord command that does
 * it (`/papers subscribe lora` → `/subscribe terms:lora`); an example without a Discord form stays as is.
 *
 * @example
 * toDiscordExample('/papers schedule 09:30 Europe/Berlin weekdays');
 * // '/digest schedule time:09:30 timezone:Europe/Berlin days:weekdays'
 */
export function toDiscordExample(example: string): string {
  const schedule = SCHEDULE.exec(example);
  if (schedule) {
    const [, time, timezone, days] = schedule;
    return [`/digest schedule time:${time}`, timezone && `timezone:${timezone}`, days && `days:${days}`]
      .filter(Boolean)
      .join(' ');
  }
  const recap = RECAP.exec(example);
  if (recap) {
    const [, day, time, timezone] = recap;
    return [`/digest recap day:${day?.toLowerCase()} time:${time}`, timezone && `timezone:${timezone}`]
      .filter(Boolean)
      .join(' ');
  }
  const rules: [RegExp, string][] = [
    [/^\/papers schedule recap off$/, '/digest recap day:off'],
    [/^\/papers schedule recap.*$/, '/digest recap day:fri time:16:00 timezone:Europe/Berlin'],
    [/^\/papers schedule cron .*$/, '/digest schedule time:09:30 timezone:Europe/Berlin days:weekdays'],
    [/^\/papers schedule off$/, '/digest off'],
    [/^\/papers subscribe (.+)$/, '/subscribe terms:$1'],
    [/^\/papers unsubscribe (.+)$/, '/unsubscribe term:$1'],
    [/^\/papers subscriptions$/, '/subscriptions'],
    [/^\/papers config (.+)$/, '/digest config $1'],
    [/^\/papers settings$/, '/digest settings'],
    [/^\/papers (?:saved|reading)$/, '/saved'],
    [/^\/papers (?:saved|reading) (.+)$/, '/saved $1'],
    [/^\/papers unsave (.+)$/, '/unsave id:$1'],
    [/^\/papers digest$/, '/digest now'],
    [/^\/papers paper (.+)$/, '/papers topic:$1'],
    [/^\/papers (?!topic:)([^\s:]+)$/, '/papers topic:$1'],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(example)) return example.replace(pattern, replacement);
  }
  return example;
}

/** The card with every notice's example in Discord's command form. */
export const withDiscordExamples = (card: Card): Card => ({
  ...card,
  notices: card.notices.map((notice) =>
    notice.example ? { ...notice, example: toDiscordExample(notice.example) } : notice,
  ),
});
