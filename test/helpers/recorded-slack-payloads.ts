import { readShared } from './shared-data.js';

/**
 * The real Slack request bodies in `../shared/payloads/slack/` (see its README and PROVENANCE.md), by what they
 * are. Read them at run time with `readSlackPayload`, inside a `describeRecorded` suite; never copy them here.
 */
export const SLACK_PAYLOAD = {
  /** A slash command from an enterprise workspace: `+` for spaces, `is_enterprise_install=false`, empty text. */
  slashCommand: 'slash_command.form.txt',
  /** The older docs example: a private channel (`G` id), no `api_app_id` / `is_enterprise_install`. */
  slashCommandLegacy: 'slash_command.legacy_docs.form.txt',
  /** Slack's documented signing example: secret, timestamp, body and the signature they give. */
  signingVector: 'signing_vector.slash_command.json',
  /** `payload=` + a block_actions click in an ephemeral message, percent-encoded (`%20` for spaces). */
  buttonEphemeralForm: 'block_actions.button_ephemeral.form.txt',
  /** A block_actions click on a button in a bot message (`enterprise: null`, `message.blocks`, `state`). */
  buttonInBotMessage: 'block_actions.button_in_bot_message.json',
  urlVerification: 'url_verification.json',
  /** `member_joined_channel` for the bot user itself (what arrives when the app is added to a channel). */
  memberJoinedBot: 'event_callback.member_joined_channel.bot_itself.json',
  /** `member_joined_channel` for a person, in the same workspace and channel. */
  memberJoinedOther: 'event_callback.member_joined_channel.other_user.json',
  /** Enterprise-wide install: an `enterprise_id` and no `team_id`. */
  appUninstalled: 'event_callback.app_uninstalled.json',
  /** Enterprise-wide install, no `team_id`; `tokens.bot` lists user ids. */
  tokensRevoked: 'event_callback.tokens_revoked.json',
  socketHello: 'socket_mode/hello.python-slack-sdk.json',
  socketDisconnectWarning: 'socket_mode/disconnect.warning.slack-go.json',
  socketDisconnectTooMany: 'socket_mode/disconnect.too_many_websockets.python-slack-sdk.json',
  socketSlashCommand: 'socket_mode/slash_commands.envelope.json',
  socketMessageEvent: 'socket_mode/events_api.message.envelope.json',
  socketAppMention: 'socket_mode/events_api.app_mention.slack-go.json',
} as const;

/** A recorded Slack body, byte for byte. */
export const readSlackPayload = (name: string): string => readShared(`payloads/slack/${name}`);

/** A recorded Slack body parsed as JSON. */
export const readSlackJson = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readSlackPayload(name)) as T;

/** A form value encoded the way Slack encodes it (`application/x-www-form-urlencoded`, `+` for spaces). */
const formValue = (value: string): string => new URLSearchParams({ v: value }).toString().slice(2);

/**
 * The form body with these fields' values replaced in place, everything else byte for byte. Every field must
 * be in the body already: a recorded body is re-targeted, never extended.
 *
 * @example
 * withFormFields(readSlackPayload(SLACK_PAYLOAD.slashCommand), { command: '/papers', text: 'topic:lora limit:3' });
 */
export function withFormFields(body: string, fields: Record<string, string>): string {
  const missing = new Set(Object.keys(fields));
  const pairs = body.split('&').map((pair) => {
    const key = pair.slice(0, pair.indexOf('='));
    const value = fields[key];
    if (value === undefined) return pair;
    missing.delete(key);
    return `${key}=${formValue(value)}`;
  });
  if (missing.size > 0) throw new Error(`the recorded form body has no ${[...missing].join(', ')}`);
  return pairs.join('&');
}

/** Python's `urllib.parse.quote` (what the recorded `payload=` body was made with): keeps `/`, `%20` for spaces. */
const pythonQuote = (text: string): string =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');

/** Python's `json.dumps` with its default separators (`", "`, `": "`), for ASCII JSON. */
const pythonJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, entry]) => `${JSON.stringify(key)}: ${pythonJson(entry)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
};

/**
 * A `payload=<quoted JSON>` form body with its payload edited by `edit`, re-encoded exactly as it was made, so
 * only what `edit` changed differs. Throws if the body would not re-encode to itself unedited.
 */
export function withEditedPayload<T>(body: string, edit: (payload: T) => void): string {
  const quoted = body.replace(/^payload=/, '');
  const payload = JSON.parse(decodeURIComponent(quoted)) as T;
  if (pythonQuote(pythonJson(payload)) !== quoted)
    throw new Error('the recorded payload= body does not re-encode to itself');
  edit(payload);
  return `payload=${pythonQuote(pythonJson(payload))}`;
}

/** A block_actions payload as a form body, encoded as Slack sends it (`payload=`, `+` for spaces). */
export const asPayloadForm = (payload: unknown): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** The part of a block_actions body the tests re-target. */
export interface RecordedBlockActions {
  response_url: string;
  actions: { action_id: string; value?: string }[];
}

/** Points the recorded click at one of paperboy's buttons and its answer at `responseUrl`. */
export function retargetClick(
  payload: RecordedBlockActions,
  click: { actionId: string; value: string; responseUrl: string },
): void {
  const [action] = payload.actions;
  if (!action || payload.actions.length !== 1) throw new Error('a recorded click has one action');
  action.action_id = click.actionId;
  action.value = click.value;
  payload.response_url = click.responseUrl;
}

/**
 * Points the recorded click at a paper's feedback menu instead: its one action becomes what Slack sends for an
 * overflow menu choice (`type: 'overflow'`, the chosen `selected_option`, no `value` or `text`), keeping its
 * `block_id` and `action_ts`, and its answer goes to `responseUrl`.
 */
export function retargetChoice(
  payload: RecordedBlockActions,
  choice: { actionId: string; value: string; label: string; responseUrl: string },
): void {
  const [action] = payload.actions as (Record<string, unknown> & { action_id: string })[];
  if (!action || payload.actions.length !== 1) throw new Error('a recorded click has one action');
  delete action.value;
  delete action.text;
  action.type = 'overflow';
  action.action_id = choice.actionId;
  action.selected_option = { text: { type: 'plain_text', text: choice.label }, value: choice.value };
  payload.response_url = choice.responseUrl;
}
