import type { types } from '@slack/bolt';
import type { Schedule } from '../../core/channel.js';
import {
  daysOfTicks,
  FORM_WEEKDAYS,
  scheduleFormOf,
  WEEKDAY_LABELS,
} from '../../core/commands/form-values.js';
import type { ScheduleForm } from '../../core/commands/settings-form.js';
import { encodeModalMetadata, type ModalMetadata } from './modal-metadata.js';
import { escapeWithin } from './mrkdwn.js';
import { TIMEZONE_ACTION, VIEW_CALLBACKS } from './view-ids.js';
import { input, modal, option } from './view-parts.js';
import { choiceIn, choicesIn, type StateValues, timeIn } from './view-state.js';

/**
 * The schedule modal of a channel: the digest on or off, its time (a time picker), its timezone (a menu that
 * suggests timezones as the user types, see `timezone-options.ts`) and the days it posts on. A cron schedule these
 * controls cannot show is named above them, so nobody replaces it unknowingly. The schedule is saved as one unit
 * when any of its inputs changed, and not at all when none did (`form-submissions.ts`).
 */
export function scheduleModal(schedule: Schedule, metadata: ModalMetadata): types.ModalView {
  const form = scheduleFormOf(schedule);
  const days = FORM_WEEKDAYS.map((day) => option(day, WEEKDAY_LABELS[day]));
  const ticked = days.filter((day) => form.days.includes(day.value as (typeof FORM_WEEKDAYS)[number]));
  const enabled = [option('on', 'Post a digest'), option('off', 'No digest')];
  const unshown: types.KnownBlock[] = form.unshown
    ? [
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: `:warning: This channel posts on the cron schedule \`${escapeWithin(form.unshown, 200)}\`, which these controls cannot show. Changing anything here replaces it.`,
            },
          ],
        },
      ]
    : [];
  return modal({
    callbackId: VIEW_CALLBACKS.schedule,
    title: 'Digest schedule',
    submit: 'Save',
    metadata: encodeModalMetadata(metadata),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `The daily digest of <#${metadata.channelId}>` } },
      ...unshown,
      input('enabled', 'Digest', {
        type: 'radio_buttons',
        action_id: 'choice',
        options: enabled,
        initial_option: schedule.enabled ? enabled[0]! : enabled[1]!,
      }),
      input('time', 'Time of day', { type: 'timepicker', action_id: 'time', initial_time: form.time }),
      input(
        'timezone',
        'Timezone',
        {
          type: 'external_select',
          action_id: TIMEZONE_ACTION,
          min_query_length: 2,
          initial_option: option(form.timezone),
          placeholder: { type: 'plain_text', text: 'Type a city, e.g. Berlin' },
        },
        { hint: 'Type part of a timezone name, e.g. berlin or new_york.' },
      ),
      input(
        'days',
        'Days',
        {
          type: 'checkboxes',
          action_id: 'days',
          options: days,
          ...(ticked.length > 0 ? { initial_options: ticked } : {}),
        },
        { optional: true },
      ),
    ],
  });
}

/** What the schedule modal submitted, for `submitScheduleForm`. */
export function scheduleFormOfState(values: StateValues): ScheduleForm & { enabled: boolean } {
  return {
    enabled: choiceIn(values, 'enabled') !== 'off',
    time: timeIn(values, 'time') ?? '',
    timezone: choiceIn(values, 'timezone') ?? '',
    days: daysOfTicks(choicesIn(values, 'days') ?? []),
  };
}
