import type { ChannelOverview } from '../ports.js';
import { describeSchedule, formatNext } from '../schedule/describe-schedule.js';

const onOff = (value: boolean): string => (value ? 'on' : 'off');
const TERMS_SHOWN = 12;

/** A channel at a glance in short lines, for a control panel; every line is plain text for the renderer to escape. */
export interface OverviewLines {
  schedule: string;
  subscriptions: string;
  settings: string;
  lastDelivery: string;
  /** Why paperboy is not posting there as it should, or null. */
  problem: string | null;
}

/**
 * @example
 * describeOverview(overview, now).schedule; // 'Digest: Weekdays at 09:30 Europe/Berlin (next: Mon 15 Jun, 09:30)'
 */
export function describeOverview(overview: ChannelOverview, now: Date): OverviewLines {
  const { channel, terms, lastDelivery, problem } = overview;
  const { settings } = channel;
  const timezone = settings.schedule.timezone;
  const shown = terms.slice(0, TERMS_SHOWN).map((term) => term.text);
  const more = terms.length - shown.length;
  return {
    schedule: `Digest: ${describeSchedule(settings.schedule, now)}`,
    subscriptions:
      terms.length === 0
        ? 'Subscriptions: none'
        : `Subscriptions: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    settings: `Top ${settings.top} · min upvotes ${settings.minUpvotes} · sources ${settings.sources.join(', ')} · threads ${onOff(settings.threads)} · alerts ${settings.alerts} · learning ${onOff(settings.learn)}`,
    lastDelivery: lastDelivery
      ? `Last post: ${lastDelivery.kind}, ${formatNext(lastDelivery.at, now, timezone)} ${timezone}`
      : 'Last post: none yet',
    problem: !channel.active
      ? `Inactive: paperboy stopped posting here (${channel.inactiveReason ?? 'no reason recorded'}). Invite it back or run /papers settings here.`
      : problem?.kind === 'failing'
        ? `Posting is failing (${problem.attempts} attempts${problem.error ? `, ${problem.error}` : ''})${problem.nextAttemptAt ? `; next try ${formatNext(problem.nextAttemptAt, now, timezone)} ${timezone}` : ''}.`
        : problem?.kind === 'failed'
          ? `The last message could not be posted${problem.error ? ` (${problem.error})` : ''}; paperboy gave up on it.`
          : null,
  };
}
