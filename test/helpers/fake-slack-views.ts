import { randomUUID } from 'node:crypto';
import { slackViewErrors } from './fake-slack-view-rules.js';

/** A view the fake Slack holds: a modal someone has open, or a person's App Home. */
export interface FakeView {
  id: string;
  userId: string;
  /** The view as paperboy sent it (`type`, `blocks`, `private_metadata`, `callback_id`, …). */
  view: Record<string, unknown>;
  hash: string;
  /** The first view of the modal's stack (itself for the first one and for a Home). */
  rootViewId: string;
  previousViewId: string | null;
  open: boolean;
}

/** What the fake did with a `view_submission` answer. */
export type SubmissionOutcome =
  | { action: 'closed' }
  | { action: 'errors'; errors: Record<string, string> }
  | { action: 'update' | 'push'; view: FakeView };

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

const error = (code: string, extra: Answer = {}): Answer => ({ ok: false, error: code, ...extra });
const invalid = (messages: string[]): Answer =>
  error('invalid_arguments', { response_metadata: { messages } });

/** web-api sends `view` as a JSON string in its form body. */
const viewParam = (params: Params): unknown => {
  if (typeof params.view !== 'string') return params.view;
  try {
    return JSON.parse(params.view);
  } catch {
    return undefined;
  }
};

export const inputBlockIds = (view: Record<string, unknown>): string[] =>
  (Array.isArray(view.blocks) ? (view.blocks as { type?: unknown; block_id?: unknown }[]) : []).flatMap(
    (block) => (block.type === 'input' && typeof block.block_id === 'string' ? [block.block_id] : []),
  );

/** How long Slack takes a `trigger_id`: 3 seconds after the click, shortcut or submission that carried it. */
export const TRIGGER_TTL_MS = 3000;

/**
 * The views of the fake Slack and the Web API methods on them, with Slack's rules: `views.open` and `views.push`
 * need a `trigger_id` Slack handed out (`mintTrigger`, as a click or a shortcut carries one), not used yet and
 * younger than `triggerTtlMs` on the fake's clock `now` (else `expired_trigger_id`); `views.update` a view that
 * exists and is still open (else `not_found`, as when the person closed the modal), with its `hash` when given;
 * `views.publish` a `user_id`; every view must pass `slackViewErrors`, else `invalid_arguments` with Slack's
 * messages. `respond` plays what Slack does with the answer to a `view_submission`, checking it the same way.
 */
export function createFakeViews(
  teamId: string,
  clock: { now: () => number; triggerTtlMs?: number } = { now: Date.now },
) {
  const ttl = clock.triggerTtlMs ?? TRIGGER_TTL_MS;
  const views = new Map<string, FakeView>();
  const homes = new Map<string, string>();
  const triggers = new Map<string, { userId: string; used: boolean; mintedAt: number }>();
  const output = (stored: FakeView): Answer => ({
    id: stored.id,
    team_id: teamId,
    type: stored.view.type,
    blocks: stored.view.blocks,
    private_metadata: stored.view.private_metadata ?? '',
    callback_id: stored.view.callback_id ?? '',
    external_id: '',
    state: { values: {} },
    hash: stored.hash,
    title: stored.view.title ?? null,
    close: stored.view.close ?? null,
    submit: stored.view.submit ?? null,
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: stored.rootViewId,
    previous_view_id: stored.previousViewId,
    app_id: 'A1',
    app_installed_team_id: teamId,
    bot_id: 'BBOT',
  });
  const store = (userId: string, view: Record<string, unknown>, previous: FakeView | null): FakeView => {
    const id = `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    const stored: FakeView = {
      id,
      userId,
      view,
      hash: randomUUID(),
      rootViewId: previous?.rootViewId ?? id,
      previousViewId: previous?.id ?? null,
      open: true,
    };
    views.set(id, stored);
    return stored;
  };
  const takeTrigger = (params: Params): { userId: string; refused?: undefined } | { refused: Answer } => {
    const trigger = triggers.get(String(params.trigger_id ?? ''));
    if (!trigger) return { refused: error('invalid_trigger_id') };
    if (trigger.used || clock.now() - trigger.mintedAt >= ttl)
      return { refused: error('expired_trigger_id') };
    trigger.used = true;
    return { userId: trigger.userId };
  };
  /** The modal on top of a person's open stack. */
  const topModal = (userId: string): FakeView | undefined =>
    [...views.values()]
      .filter((view) => view.userId === userId && view.open && view.view.type === 'modal')
      .at(-1);
  const close = (stored: FakeView) => {
    for (const view of views.values()) if (view.rootViewId === stored.rootViewId) view.open = false;
  };
  const replace = (stored: FakeView, view: Record<string, unknown>) => {
    stored.view = view;
    stored.hash = randomUUID();
  };

  return {
    methods: {
      'views.open': (params: Params): Answer => {
        const trigger = takeTrigger(params);
        if (trigger.refused) return trigger.refused;
        const view = viewParam(params);
        const problems = slackViewErrors(view, 'modal');
        if (problems.length > 0) return invalid(problems);
        return { ok: true, view: output(store(trigger.userId, view as Record<string, unknown>, null)) };
      },
      'views.push': (params: Params): Answer => {
        const trigger = takeTrigger(params);
        if (trigger.refused) return trigger.refused;
        const view = viewParam(params);
        const problems = slackViewErrors(view, 'modal');
        if (problems.length > 0) return invalid(problems);
        const top = topModal(trigger.userId);
        if (!top) return error('not_found');
        return { ok: true, view: output(store(trigger.userId, view as Record<string, unknown>, top)) };
      },
      'views.update': (params: Params): Answer => {
        const stored = views.get(String(params.view_id ?? ''));
        if (!stored?.open) return error('not_found');
        if (typeof params.hash === 'string' && params.hash !== stored.hash) return error('hash_conflict');
        const view = viewParam(params);
        const problems = slackViewErrors(view, stored.view.type === 'home' ? 'home' : 'modal');
        if (problems.length > 0) return invalid(problems);
        replace(stored, view as Record<string, unknown>);
        return { ok: true, view: output(stored) };
      },
      'views.publish': (params: Params): Answer => {
        const userId = String(params.user_id ?? '');
        if (!/^[UW][A-Z0-9]+$/.test(userId))
          return error('invalid_arguments', {
            response_metadata: { messages: ['[ERROR] missing required field: user_id'] },
          });
        const view = viewParam(params);
        const problems = slackViewErrors(view, 'home');
        if (problems.length > 0) return invalid(problems);
        const existing = views.get(homes.get(userId) ?? '');
        if (existing && typeof params.hash === 'string' && params.hash !== existing.hash)
          return error('hash_conflict');
        const stored = existing ?? store(userId, view as Record<string, unknown>, null);
        replace(stored, view as Record<string, unknown>);
        homes.set(userId, stored.id);
        return { ok: true, view: output(stored) };
      },
    },
    /**
     * A `trigger_id` as Slack puts in a click, a shortcut or a submission of `userId`: good for one `views.open`
     * within `triggerTtlMs` of the fake's clock.
     */
    mintTrigger(userId: string): string {
      const mintedAt = clock.now();
      const id = `${Math.floor(mintedAt / 1000)}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      triggers.set(id, { userId, used: false, mintedAt });
      return id;
    },
    /** The person closes the modal on top of their stack (Cancel, or the ×): it and its stack are gone. */
    dismiss(userId: string) {
      const top = topModal(userId);
      if (top) close(top);
    },
    /** The view in Slack's `view` payload shape (for submissions and clicks), with `state` added by the caller. */
    output,
    get: (viewId: string): FakeView | undefined => views.get(viewId),
    /** The modal a person has open now (the top of its stack). */
    modalOf: topModal,
    /** A person's App Home as last published. */
    homeOf: (userId: string): FakeView | undefined => views.get(homes.get(userId) ?? ''),
    /**
     * What Slack does with a `view_submission` answer (the HTTP body Bolt sent back): none closes the modal,
     * `update` and `push` show a new view (which must pass Slack's rules), `errors` must name input blocks of the
     * submitted view. A broken answer throws, as Slack would show the person an error.
     */
    respond(viewId: string, body: string): SubmissionOutcome {
      const stored = views.get(viewId);
      if (!stored) throw new Error(`no view ${viewId}`);
      if (body.trim() === '') {
        close(stored);
        return { action: 'closed' };
      }
      const answer = JSON.parse(body) as { response_action?: string; view?: unknown; errors?: unknown };
      switch (answer.response_action) {
        case 'clear':
          close(stored);
          return { action: 'closed' };
        case 'errors': {
          const errors = (answer.errors ?? {}) as Record<string, string>;
          const inputs = inputBlockIds(stored.view);
          const unknown = Object.keys(errors).filter((blockId) => !inputs.includes(blockId));
          if (Object.keys(errors).length === 0 || unknown.length > 0)
            throw new Error(
              `response_action errors names blocks that are not inputs of the view: ${unknown.join(', ')}`,
            );
          if (Object.values(errors).some((text) => typeof text !== 'string' || text === ''))
            throw new Error('response_action errors needs a message per block');
          return { action: 'errors', errors };
        }
        case 'update':
        case 'push': {
          const problems = slackViewErrors(answer.view, 'modal');
          if (problems.length > 0) throw new Error(`invalid view in response_action: ${problems.join('; ')}`);
          const view = answer.view as Record<string, unknown>;
          if (answer.response_action === 'update') {
            replace(stored, view);
            return { action: 'update', view: stored };
          }
          return { action: 'push', view: store(stored.userId, view, stored) };
        }
        default:
          throw new Error(`unknown response_action ${String(answer.response_action)}`);
      }
    },
    clear() {
      views.clear();
      homes.clear();
      triggers.clear();
    },
  };
}
