import type { REST } from 'discord.js';
import type { BotDependencies, CommandContext } from '../../../core/bot/bot-dependencies.js';
import { apology, refused } from '../../../core/bot/replies.js';
import type { Reply } from '../../../core/cards/card.js';
import type { ReplyBody } from '../interaction-reply.js';
import { type ModalSubmitData, modalFields } from '../interaction-schema.js';
import { type Respond, ResponseType } from '../interaction-types.js';
import { manageChannelsHooks, manageChannelsNotice } from '../manage-channels-hooks.js';
import { canManageChannels } from '../member-permissions.js';
import { clickPanel, modalOf, type PanelActor, type PanelStep, submitPanelModal } from './panel-actions.js';
import { opensModal, readPanelControl, readPanelModal } from './panel-ids.js';
import { drawPanel, type PanelMessage } from './panel-message.js';
import { createPanelResponder, type PanelAnswerMode } from './panel-response.js';
import { FIRST_VIEW } from './panel-view.js';

/** The interaction being answered: where, by whom (their permissions, sent with every interaction), its token. */
export interface PanelInteraction {
  context: CommandContext;
  permissions: string | undefined;
  token: string;
}

const UNKNOWN_CONTROL = refused({
  tone: 'warning',
  text: 'That control is not one paperboy knows (any more). Open the settings again with /digest config.',
});

/**
 * The settings panel of `/digest config` without options (and of the settings card's "Edit settings" button):
 * an ephemeral message with a row of section buttons (Schedule, Sources & top, Switches, Subscriptions) and the
 * section's controls. Each select and switch saves at once through the core's form functions, as the text
 * commands save, and the panel is drawn again from the stored settings with a line on the result; the time, the
 * minimum upvotes and the subscriptions open a modal. Manage Channels is checked on every interaction, from the
 * permissions that interaction carries: without it the answer is a refusal and nothing is read or saved.
 */
export function createSettingsPanel(options: {
  bot: BotDependencies;
  rest: REST;
  applicationId: string;
  deferAfterMs: number;
  /** A core reply as an ephemeral message (refusals). */
  message: (reply: Reply) => ReplyBody;
}) {
  const { bot, message } = options;
  const log = bot.logger.child({ component: 'discord-settings-panel' });
  const answer = createPanelResponder(options);
  const refuse = (respond: Respond, reply: Reply) =>
    respond({ type: ResponseType.Message, data: message(reply) });

  const actorOf = (interaction: PanelInteraction): PanelActor => ({
    bot,
    context: interaction.context,
    hooks: manageChannelsHooks(interaction.permissions, 'digest', 'config'),
  });

  /** Draws the step, or the core's apology when reading or saving failed on our side. */
  const drawn = (interaction: PanelInteraction, step: () => Promise<PanelStep>) => async () => {
    try {
      const { view, result } = await step();
      return await drawPanel(bot, interaction.context, view, result);
    } catch (error) {
      log.error('could not answer the settings panel', { error });
      const { flags: _flags, ...body } = message(apology());
      return { ...body, components: [] } as PanelMessage;
    }
  };

  const allowed = (interaction: PanelInteraction, respond: Respond): Promise<void> | null =>
    canManageChannels(interaction.permissions)
      ? null
      : refuse(respond, refused(manageChannelsNotice('digest', 'config')));

  return {
    /** Opens the panel in a new ephemeral message. */
    open(interaction: PanelInteraction, respond: Respond): Promise<void> {
      return (
        allowed(interaction, respond) ??
        answer(
          drawn(interaction, async () => ({ view: FIRST_VIEW })),
          interaction.token,
          respond,
          'open',
        )
      );
    },

    /** A click on one of the panel's controls (`p|…`), with a select's chosen values. */
    click(
      interaction: PanelInteraction,
      data: { custom_id: string; values?: string[] | undefined },
      respond: Respond,
    ): Promise<void> {
      const refusal = allowed(interaction, respond);
      if (refusal) return refusal;
      const control = readPanelControl(data.custom_id);
      if (!control) return refuse(respond, UNKNOWN_CONTROL);
      if (opensModal(control)) return respond({ type: ResponseType.Modal, data: { ...modalOf(control) } });
      const step = () => clickPanel(actorOf(interaction), control, data.values ?? []);
      return answer(drawn(interaction, step), interaction.token, respond, 'update');
    },

    /** A submitted panel modal; `fromMessage` when it was opened from the panel (its answer then redraws it). */
    submit(interaction: PanelInteraction, data: ModalSubmitData, fromMessage: boolean, respond: Respond) {
      const refusal = allowed(interaction, respond);
      if (refusal) return refusal;
      const modal = readPanelModal(data.custom_id);
      if (!modal) return refuse(respond, UNKNOWN_CONTROL);
      const mode: PanelAnswerMode = fromMessage ? 'update' : 'open';
      const step = () => submitPanelModal(actorOf(interaction), modal, modalFields(data));
      return answer(drawn(interaction, step), interaction.token, respond, mode);
    },
  };
}
