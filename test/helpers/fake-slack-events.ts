import { randomUUID } from 'node:crypto';

/**
 * Bodies Slack sends about reactions and feedback menus, shaped as Slack documents them, for tests to post
 * signed to `/slack/events` (HTTP) or inside a Socket Mode envelope (`events_api`, `interactive`).
 */

/** An Events API `event_callback` around `event`, as Slack posts it. */
export const eventCallback = (event: Record<string, unknown>, teamId = 'T1') => ({
  token: 'deprecated',
  team_id: teamId,
  api_app_id: 'A1',
  type: 'event_callback',
  event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
  event_time: 1_700_000_000,
  event,
});

/**
 * `reaction_added` (or, with `added: false`, `reaction_removed`) by `user` on the message `ts` in `channel`
 * that `itemUser` posted.
 */
export const reactionEvent = (reaction: {
  added?: boolean;
  name: string;
  user: string;
  channel: string;
  ts: string;
  itemUser: string;
}) => ({
  type: reaction.added === false ? 'reaction_removed' : 'reaction_added',
  user: reaction.user,
  reaction: reaction.name,
  item_user: reaction.itemUser,
  item: { type: 'message', channel: reaction.channel, ts: reaction.ts },
  event_ts: '1700000000.000900',
});

/** A `block_actions` payload: `user` chose `value` in the feedback menu of the message `messageTs`. */
export const feedbackChoice = (choice: {
  value: string;
  user: string;
  channel: string;
  messageTs: string;
  responseUrl: string;
  teamId?: string;
  label?: string;
}) => ({
  type: 'block_actions',
  team: { id: choice.teamId ?? 'T1', domain: 'test' },
  user: { id: choice.user, username: 'someone', team_id: choice.teamId ?? 'T1' },
  api_app_id: 'A1',
  token: 'deprecated',
  container: {
    type: 'message',
    message_ts: choice.messageTs,
    channel_id: choice.channel,
    is_ephemeral: false,
  },
  trigger_id: '1.2.3',
  channel: { id: choice.channel, name: 'papers' },
  message: { type: 'message', user: 'UBOT', ts: choice.messageTs, text: 'digest' },
  response_url: choice.responseUrl,
  actions: [
    {
      type: 'overflow',
      action_id: 'paper_feedback',
      block_id: 'b1',
      selected_option: {
        text: { type: 'plain_text', text: choice.label ?? '👍 Relevant' },
        value: choice.value,
      },
      action_ts: '1700000000.000500',
    },
  ],
});
