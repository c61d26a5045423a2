import { randomUUID } from 'node:crypto';
import { postSigned } from './fake-slack-receivers.js';
import { FAKE_UNFURL_DOMAINS } from './fake-slack-unfurls.js';

/**
 * Bodies Slack sends about reactions, feedback menus and shared links, shaped as Slack documents them, for tests
 * to post signed to `/slack/events` (HTTP, `postEvent`) or inside a Socket Mode envelope (`events_api`,
 * `interactive`; `sendEventOverSocket`).
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

/** The unfurl domain Slack names for a URL (the registered domain it matched), else the URL's host. */
const unfurlDomainOf = (url: string): string => {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
  return FAKE_UNFURL_DOMAINS.find((domain) => host === domain || host.endsWith(`.${domain}`)) ?? host;
};

/**
 * A `link_shared` event, shaped as Slack documents it (`LinkSharedEvent`): `user` posted `links` in the message
 * `messageTs` of `channel` (source `conversations_history`), or, with `composer`, is still writing them (channel
 * `COMPOSER`, a `message_ts` that names no message, source `composer`). Each has an `unfurl_id` unless
 * `unfurlId: null` (older events, answered by channel and `ts`).
 */
export const linkSharedEvent = (shared: {
  user: string;
  links: readonly string[];
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  composer?: boolean;
  unfurlId?: string | null;
}) => {
  const composer = shared.composer === true;
  const channel = composer ? 'COMPOSER' : (shared.channel ?? 'C1');
  const messageTs = shared.messageTs ?? (composer ? `${shared.user}-${randomUUID()}` : '1700000000.000100');
  const unfurlId =
    shared.unfurlId === null
      ? null
      : (shared.unfurlId ?? `${channel}.${messageTs}.${randomUUID().replace(/-/g, '')}`);
  return {
    type: 'link_shared',
    channel,
    is_bot_user_member: true,
    user: shared.user,
    message_ts: messageTs,
    ...(shared.threadTs ? { thread_ts: shared.threadTs } : {}),
    links: shared.links.map((url) => ({ domain: unfurlDomainOf(url), url })),
    ...(unfurlId === null
      ? {}
      : { unfurl_id: unfurlId, source: composer ? 'composer' : 'conversations_history' }),
    event_ts: '1700000000.000700',
  };
};

/**
 * Sends an Events API event the way Slack does over HTTP: an `event_callback` (with `eventId`, if given) signed
 * with `secret`, posted to `eventsUrl`. Resolves with Slack's view of the answer (status, time).
 */
export const postEvent = (
  eventsUrl: string,
  event: Record<string, unknown>,
  options: { secret: string; eventId?: string; teamId?: string },
) => {
  const body = eventCallback(event, options.teamId);
  return postSigned(
    eventsUrl,
    JSON.stringify(options.eventId ? { ...body, event_id: options.eventId } : body),
    { secret: options.secret, contentType: 'application/json' },
  );
};

/** The same event in a Socket Mode `events_api` envelope; resolves with the client's ack. */
export const sendEventOverSocket = (
  socket: { send: (type: string, payload: Record<string, unknown>) => Promise<unknown> },
  event: Record<string, unknown>,
  options: { eventId?: string; teamId?: string } = {},
) => {
  const body = eventCallback(event, options.teamId);
  return socket.send('events_api', options.eventId ? { ...body, event_id: options.eventId } : body);
};

/**
 * A `block_actions` payload from a link card: `user` chose `value` in the feedback menu of the unfurl of `url`
 * under the message `messageTs` (someone else's) in `channel`. The container is the message attachment Slack
 * shows the unfurl in.
 */
export const unfurlFeedbackChoice = (choice: {
  value: string;
  user: string;
  channel: string;
  messageTs: string;
  url: string;
  responseUrl: string;
  teamId?: string;
  label?: string;
}) => {
  const click = feedbackChoice(choice);
  return {
    ...click,
    container: {
      type: 'message_attachment',
      message_ts: choice.messageTs,
      attachment_id: 1,
      channel_id: choice.channel,
      is_ephemeral: false,
      is_app_unfurl: true,
      app_unfurl_url: choice.url,
    },
    message: { type: 'message', user: 'U0SHARER', ts: choice.messageTs, text: `look: <${choice.url}>` },
    app_unfurl: {
      id: 1,
      fallback: '[no preview available]',
      bot_id: 'BBOT',
      app_unfurl_url: choice.url,
      is_app_unfurl: true,
      app_id: 'A1',
    },
  };
};
