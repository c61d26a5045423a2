/**
 * The identifiers paperboy gives its Slack views and their controls: `callback_id`s say which view was submitted,
 * `action_id`s which button was clicked or which menu asks for options. Every listener matches these.
 */
export const VIEW_CALLBACKS = {
  /** The global shortcut (`features.shortcuts` in `slack/manifest.yml`). */
  shortcut: 'paperboy_settings',
  /** The message shortcut "Ask paperboy", on a paper paperboy posted or any message of its thread. */
  ask: 'paperboy_ask',
  askForm: 'paperboy_ask_form',
  pickChannel: 'paperboy_pick_channel',
  settings: 'paperboy_settings_form',
  schedule: 'paperboy_schedule_form',
  subscriptions: 'paperboy_subscriptions_form',
  notice: 'paperboy_notice',
} as const;

/** The App Home's buttons; each carries the channel id (or, for paging, the offset) as its value. */
export const HOME_ACTIONS = {
  editSchedule: 'home_edit_schedule',
  editSubscriptions: 'home_edit_subscriptions',
  settings: 'home_settings',
  preview: 'home_preview',
  postNow: 'home_post_now',
  page: 'home_page',
} as const;

/** The schedule form's timezone menu, whose options Slack asks for as the user types (`block_suggestion`). */
export const TIMEZONE_ACTION = 'timezone';
