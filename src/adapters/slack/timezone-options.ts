import type { App } from '@slack/bolt';
import { matchingTimezones } from '../../core/commands/form-options.js';
import { TIMEZONE_ACTION } from './view-ids.js';
import { option } from './view-parts.js';

/** Slack shows at most 100 options from an external source. */
const MAX_OPTIONS = 100;

/** The schedule modal's timezone menu: the timezones matching what the person typed (`block_suggestion`). */
export function registerTimezoneOptions(app: App): void {
  app.options<'block_suggestion'>(
    { type: 'block_suggestion', action_id: TIMEZONE_ACTION },
    async ({ options, ack }) => {
      await ack({ options: matchingTimezones(options.value, MAX_OPTIONS).map((name) => option(name)) });
    },
  );
}
