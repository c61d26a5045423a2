import type { AnsweredCall, FakeSlack } from './fake-slack.js';
import { postEvent } from './fake-slack-events.js';
import { postSigned } from './fake-slack-receivers.js';
import { type FakeInput, stateValuesOf } from './fake-slack-view-state.js';
import type { FakeView, SubmissionOutcome } from './fake-slack-views.js';

type Block = { type?: unknown; block_id?: unknown; elements?: unknown; accessory?: unknown };
type Element = { type?: unknown; action_id?: unknown; value?: unknown; text?: unknown };

/** The button `actionId` (with `value`, when given) in blocks, and the block it is in. */
function findButton(blocks: unknown, actionId: string, value?: string): { blockId: string; button: Element } {
  for (const block of (Array.isArray(blocks) ? blocks : []) as Block[]) {
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory] as Element[];
    const button = elements.find(
      (element) =>
        element?.type === 'button' &&
        element.action_id === actionId &&
        (value === undefined || element.value === value),
    );
    if (button) return { blockId: typeof block.block_id === 'string' ? block.block_id : 'generated', button };
  }
  throw new Error(
    `no button ${actionId}${value === undefined ? '' : ` with value ${value}`} in these blocks`,
  );
}

/**
 * A person using paperboy's views as Slack's client would: opening the App Home, clicking buttons in a view or a
 * message, typing in an external menu, running a shortcut and submitting a modal. Each sends the payload Slack
 * sends (built from the view the fake holds, with a fresh `trigger_id`), signed, to the app's `/slack/events`,
 * and plays Slack's part with the answer. `waitFor` names a Web API method the app calls after its ack: the call
 * resolves once it has been made.
 */
export function createSlackUser(options: {
  fake: FakeSlack;
  eventsUrl: string;
  secret: string;
  userId: string;
  teamId?: string;
}) {
  const { fake, eventsUrl, secret, userId } = options;
  const teamId = options.teamId ?? 'T1';
  const served = new Map<string, Set<string>>();
  const user = { id: userId, username: 'ada', name: 'ada', team_id: teamId };
  const team = { id: teamId, domain: 'test' };
  const postPayload = (payload: Record<string, unknown>) =>
    postSigned(eventsUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { secret });
  const viewPayload = (stored: FakeView, state: Record<string, unknown> = {}) => ({
    ...fake.views.output(stored),
    state: { values: state },
  });
  const waiting = async <T>(
    method: string | undefined,
    send: () => Promise<T>,
  ): Promise<{ sent: T; call?: AnsweredCall }> => {
    const next = method ? fake.nextCall(method) : undefined;
    const sent = await send();
    return { sent, ...(next ? { call: await next } : {}) };
  };
  const ok = (answer: { status: number; text: string }) => {
    if (answer.status !== 200) throw new Error(`the app answered ${answer.status}: ${answer.text}`);
    return answer;
  };

  return {
    userId,
    /** Opens the Home tab (`app_home_opened`); resolves with the Home the app published. */
    async openHome(): Promise<FakeView> {
      await waiting('views.publish', async () =>
        ok(
          await postEvent(
            eventsUrl,
            {
              type: 'app_home_opened',
              user: userId,
              channel: `D${userId.slice(1)}`,
              tab: 'home',
              event_ts: '1700000000.000100',
            },
            { secret, teamId },
          ),
        ),
      );
      const home = fake.views.homeOf(userId);
      if (!home) throw new Error('no App Home published');
      return home;
    },
    /** Clicks a button of a view (the Home, a modal): `block_actions` in a `view` container. */
    async clickInView(stored: FakeView, actionId: string, click: { value?: string; waitFor?: string } = {}) {
      const { blockId, button } = findButton(stored.view.blocks, actionId, click.value);
      const payload = {
        type: 'block_actions',
        user,
        api_app_id: 'A1',
        token: 'deprecated',
        container: { type: 'view', view_id: stored.id },
        trigger_id: fake.views.mintTrigger(userId),
        team,
        enterprise: null,
        is_enterprise_install: false,
        view: viewPayload(stored),
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: blockId,
            text: button.text,
            value: button.value,
            action_ts: '1700000000.000200',
          },
        ],
      };
      return waiting(click.waitFor, async () => ok(await postPayload(payload)));
    },
    /** Clicks a button of a message (an ephemeral answer in `channelId`, whose `response_url` is given). */
    async clickInMessage(
      message: { blocks: unknown; channelId: string; responseUrl: string; ephemeral?: boolean },
      actionId: string,
      click: { waitFor?: string } = {},
    ) {
      const { blockId, button } = findButton(message.blocks, actionId);
      const payload = {
        type: 'block_actions',
        user,
        api_app_id: 'A1',
        token: 'deprecated',
        container: {
          type: 'message',
          message_ts: '1700000000.000300',
          channel_id: message.channelId,
          is_ephemeral: message.ephemeral ?? true,
        },
        trigger_id: fake.views.mintTrigger(userId),
        team,
        channel: { id: message.channelId, name: 'papers' },
        response_url: message.responseUrl,
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: blockId,
            text: button.text,
            value: button.value,
            action_ts: '1700000000.000400',
          },
        ],
      };
      return waiting(click.waitFor, async () => ok(await postPayload(payload)));
    },
    /** Runs a global shortcut. */
    async shortcut(callbackId: string, click: { waitFor?: string } = {}) {
      const payload = {
        type: 'shortcut',
        callback_id: callbackId,
        trigger_id: fake.views.mintTrigger(userId),
        user,
        team,
        token: 'deprecated',
        action_ts: '1700000000.000500',
        is_enterprise_install: false,
      };
      return waiting(click.waitFor, async () => ok(await postPayload(payload)));
    },
    /** Runs a message shortcut on `message` of `channelId` (a thread reply carries its `thread_ts`). */
    async messageShortcut(
      callbackId: string,
      message: { channelId: string; ts: string; threadTs?: string },
      click: { waitFor?: string } = {},
    ) {
      const payload = {
        type: 'message_action',
        callback_id: callbackId,
        trigger_id: fake.views.mintTrigger(userId),
        message_ts: message.ts,
        response_url: 'https://hooks.slack.com/actions/T1/1/shortcut',
        message: {
          type: 'message',
          user: 'UBOT',
          ts: message.ts,
          text: 'a paper',
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        },
        user,
        channel: { id: message.channelId, name: 'papers' },
        team,
        token: 'deprecated',
        action_ts: '1700000000.000600',
        is_enterprise_install: false,
      };
      return waiting(click.waitFor, async () => ok(await postPayload(payload)));
    },
    /**
     * Types `value` into the external menu `actionId` of a view (`block_suggestion`); resolves with the options the
     * app offered, after checking them as Slack does (at most 100, each with a text of 1-75 and a value of 1-150).
     */
    async suggest(
      stored: FakeView,
      actionId: string,
      value: string,
    ): Promise<{ text: string; value: string }[]> {
      const blocks = (Array.isArray(stored.view.blocks) ? stored.view.blocks : []) as {
        block_id?: string;
        element?: { action_id?: string };
      }[];
      const block = blocks.find((entry) => entry.element?.action_id === actionId);
      if (!block?.block_id) throw new Error(`no input with action_id ${actionId}`);
      const payload = {
        type: 'block_suggestion',
        user,
        container: { type: 'view', view_id: stored.id },
        api_app_id: 'A1',
        token: 'deprecated',
        action_id: actionId,
        block_id: block.block_id,
        value,
        team,
        view: viewPayload(stored),
      };
      const answer = ok(await postPayload(payload));
      const body = JSON.parse(answer.text) as {
        options?: { text?: { type?: string; text?: string }; value?: string }[];
      };
      const offered = body.options ?? [];
      const problems = [
        ...(offered.length > 100 ? [`${offered.length} options (at most 100)`] : []),
        ...offered.flatMap((entry, index) =>
          entry.text?.type !== 'plain_text' ||
          !entry.text.text ||
          entry.text.text.length > 75 ||
          !entry.value ||
          entry.value.length > 150
            ? [`option ${index}`]
            : [],
        ),
      ];
      if (problems.length > 0) throw new Error(`Slack would refuse these options: ${problems.join(', ')}`);
      const known = served.get(actionId) ?? new Set<string>();
      for (const entry of offered) known.add(entry.value ?? '');
      served.set(actionId, known);
      return offered.map((entry) => ({ text: entry.text?.text ?? '', value: entry.value ?? '' }));
    },
    /**
     * Submits a modal the fake holds, with `values` by block id (the others as the view set them); resolves with
     * what Slack did with the app's answer. `privateMetadata` replaces the view's, as a forged request could.
     */
    async submit(
      stored: FakeView,
      values: Record<string, FakeInput> = {},
      submission: { tampered?: boolean; privateMetadata?: string; waitFor?: string } = {},
    ): Promise<{ outcome: SubmissionOutcome; call?: AnsweredCall }> {
      const state = stateValuesOf(stored.view, values, {
        ...(submission.tampered ? { tampered: true } : {}),
        served: (actionId) => served.get(actionId) ?? new Set(),
      });
      const view = viewPayload(stored, state);
      const payload = {
        type: 'view_submission',
        team,
        user,
        api_app_id: 'A1',
        token: 'deprecated',
        trigger_id: fake.views.mintTrigger(userId),
        view:
          submission.privateMetadata === undefined
            ? view
            : { ...view, private_metadata: submission.privateMetadata },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const { sent, call } = await waiting(submission.waitFor, async () => ok(await postPayload(payload)));
      return { outcome: fake.views.respond(stored.id, sent.text), ...(call ? { call } : {}) };
    },
  };
}

export type SlackUser = ReturnType<typeof createSlackUser>;
