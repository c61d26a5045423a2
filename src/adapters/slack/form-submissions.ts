import type { App, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import type { BotDependencies, CommandContext } from '../../core/bot/bot-dependencies.js';
import type { CommandHooks } from '../../core/bot/command-hooks.js';
import type { FormResult } from '../../core/bot/submit-forms.js';
import {
  submitScheduleForm,
  submitSettingsForm,
  submitSubscriptionsForm,
} from '../../core/bot/submit-forms.js';
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

type Submit<Field extends string> = (
  bot: BotDependencies,
  context: CommandContext,
  values: ViewOutput['state']['values'],
  hooks: CommandHooks,
) => Promise<FormResult<Field>>;

/**
 * The three channel modals' submissions. Each checks again, before anything is saved, that the person may change
 * the channel the modal names (a member; an admin with `SLACK_ADMIN_ONLY`), then saves through the core's form
 * functions with the slash command's own hooks, so a modal saves and refuses exactly what the command does. A
 * modal opened from the App Home publishes the Home again once saved.
 */
export function registerFormSubmissions(app: App, options: ViewListenerOptions): void {
  register(app, options, VIEW_CALLBACKS.settings, (bot, context, values, hooks) =>
    submitSettingsForm(bot, context, settingsFormOfState(values), hooks),
  );
  register(app, options, VIEW_CALLBACKS.schedule, (bot, context, values, hooks) =>
    submitScheduleForm(bot, context, scheduleFormOfState(values), hooks),
  );
  register(
    app,
    options,
    VIEW_CALLBACKS.subscriptions,
    (bot, context, values, hooks) =>
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
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    const userId = body.user.id;
    if (!metadata) {
      await ack(
        updateTo(
          noticeModal('Not saved', {
            tone: 'warning',
            text: 'This form is not one of paperboy’s. Open it again.',
          }),
        ),
      );
      return;
    }
    const { channelId } = metadata;
    const access = await channelAccess(client, { userId, channelId, adminOnly: options.adminOnly }, log);
    if (access !== 'allowed') {
      await ack(updateTo(noticeModal('Not saved', { tone: 'warning', text: ACCESS_REFUSALS[access] })));
      return;
    }
    const context = {
      channel: { platform: 'slack' as const, workspaceId: teamId, channelId },
      now: options.now(),
    };
    const hooks = slackCommandHooks({ client, userId, channelId, adminOnly: options.adminOnly, logger: log });
    const result = await submit(options.bot, context, view.state.values, hooks);
    await ack(submissionAnswer(result, view, blockOf));
    const saved = result.kind === 'answered' && result.reply.outcome === 'ok';
    if (saved && metadata.homeOffset !== undefined)
      await publishHome(client, options, { teamId, userId, offset: metadata.homeOffset }).catch(
        (error: unknown) => log.warn('could not publish the App Home again', { error }),
      );
  });
}
