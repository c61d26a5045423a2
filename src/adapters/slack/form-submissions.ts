import type { App, ViewOutput, ViewResponseAction, ViewSubmitAction, webApi } from '@slack/bolt';
import type { BotDependencies, CommandContext } from '../../core/bot/bot-dependencies.js';
import type { CommandHooks } from '../../core/bot/command-hooks.js';
import { handleCommand } from '../../core/bot/handle-command.js';
import { apology } from '../../core/bot/replies.js';
import type { FormResult } from '../../core/bot/submit-forms.js';
import {
  submitScheduleForm,
  submitSettingsForm,
  submitSubscriptionsForm,
} from '../../core/bot/submit-forms.js';
import type { Logger } from '../../core/logger.js';
import { changedInputs } from './changed-inputs.js';
import { ACCESS_REFUSALS, channelAccess } from './channel-access.js';
import { publishHome } from './home-publisher.js';
import { decodeModalMetadata } from './modal-metadata.js';
import { scheduleFormOfState } from './schedule-modal.js';
import { settingsFormOfState } from './settings-modal.js';
import { slackCommandHooks } from './slack-checks.js';
import { submissionAnswer, updateTo } from './submission-answer.js';
import { subscriptionsBlockOf, subscriptionsFormOfState } from './subscriptions-modal.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import type { ViewListenerOptions } from './view-listener-options.js';
import { noticeModal } from './view-parts.js';
import type { StateValues } from './view-state.js';

/** What a modal submitted: every input's value, and those the person changed since the modal opened. */
interface Submitted {
  values: StateValues;
  changed: StateValues;
}

type Submit<Field extends string> = (
  bot: BotDependencies,
  context: CommandContext,
  submitted: Submitted,
  hooks: CommandHooks,
) => Promise<FormResult<Field>>;

const notSaved = (text: string): ViewResponseAction =>
  updateTo(noticeModal('Not saved', { tone: 'warning', text }));

/**
 * The three channel modals' submissions. Each checks again, before anything is saved, that the person may change
 * the channel the modal names (a member; an admin with `SLACK_ADMIN_ONLY`), then saves through the core's form
 * functions with the slash command's own hooks, so a modal saves and refuses exactly what the command does. The
 * settings modal sends only the settings the person changed and the schedule modal the whole schedule only when
 * something in it changed, so a modal opened before a `/papers config` does not undo it; a modal saved untouched
 * changes nothing and says so. A modal opened from the App Home publishes the Home again once saved. A failure
 * (Slack, the database) is logged and the modal says it was not saved.
 */
export function registerFormSubmissions(app: App, options: ViewListenerOptions): void {
  register(app, options, VIEW_CALLBACKS.settings, (bot, context, { changed }, hooks) =>
    submitSettingsForm(bot, context, settingsFormOfState(changed), hooks),
  );
  register(app, options, VIEW_CALLBACKS.schedule, async (bot, context, { values, changed }, hooks) =>
    Object.keys(changed).length === 0
      ? { kind: 'answered', reply: await handleCommand(bot, context, { kind: 'settings' }, hooks) }
      : submitScheduleForm(bot, context, scheduleFormOfState(values), hooks),
  );
  register(
    app,
    options,
    VIEW_CALLBACKS.subscriptions,
    (bot, context, { values }, hooks) =>
      submitSubscriptionsForm(bot, context, subscriptionsFormOfState(values), hooks),
    subscriptionsBlockOf,
  );
}

function register<Field extends string>(
  app: App,
  options: ViewListenerOptions,
  callbackId: string,
  submit: Submit<Field>,
  blockOf?: (field: Field) => string,
): void {
  const log = options.logger.child({ listener: 'view', callbackId });
  app.view<ViewSubmitAction>(callbackId, async ({ ack, body, view, client }) => {
    const metadata = decodeModalMetadata(view.private_metadata);
    if (!metadata) {
      await ack(notSaved('This form is not one of paperboy’s. Open it again.'));
      return;
    }
    const who = {
      teamId: body.team?.id ?? body.user.team_id ?? view.team_id,
      userId: body.user.id,
      channelId: metadata.channelId,
    };
    const { answer, saved } = await save(options, { client, who, view, log }, submit, blockOf).catch(
      (error: unknown) => {
        log.error('could not save a modal; it says so instead', { error });
        return { answer: updateTo(noticeModal('Not saved', apology().card)), saved: false };
      },
    );
    await ack(answer);
    if (saved && metadata.homeOffset !== undefined)
      await publishHome(client, options, { ...who, offset: metadata.homeOffset });
  });
}

/** What a submission is answered with (before the `ack`, so no more than the checks and the save), and if it saved. */
async function save<Field extends string>(
  options: ViewListenerOptions,
  request: {
    client: webApi.WebClient;
    who: { teamId: string; userId: string; channelId: string };
    view: ViewOutput;
    log: Logger;
  },
  submit: Submit<Field>,
  blockOf?: (field: Field) => string,
): Promise<{ answer: ViewResponseAction; saved: boolean }> {
  const { client, who, view, log } = request;
  const { adminOnly } = options;
  const access = await channelAccess(client, { ...who, adminOnly }, log);
  if (access !== 'allowed') return { answer: notSaved(ACCESS_REFUSALS[access]), saved: false };
  const context = {
    channel: { platform: 'slack' as const, workspaceId: who.teamId, channelId: who.channelId },
    now: options.now(),
  };
  // channelAccess has just checked the admin; the hooks add only the "invite paperboy" notice.
  const hooks = slackCommandHooks({ client, ...who, adminOnly: false, logger: log });
  const submitted = { values: view.state.values, changed: changedInputs(view.state.values, view.blocks) };
  const result = await submit(options.bot, context, submitted, hooks);
  const ok = result.kind === 'answered' && result.reply.outcome === 'ok';
  if (ok && Object.keys(submitted.changed).length === 0)
    return { answer: updateTo(noticeModal('No changes', result.reply.card)), saved: false };
  return { answer: submissionAnswer(result, view, blockOf), saved: ok };
}
