import { ApplicationCommandType, type REST } from 'discord.js';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { handleAction, handleFeedback, handleParsed } from '../../core/bot/handle-command.js';
import { refused } from '../../core/bot/replies.js';
import type { Reply } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';
import { answerAsk } from './ask-command.js';
import { createAutocomplete } from './autocomplete.js';
import type { ButtonCodec } from './buttons.js';
import { ASK_COMMAND, PAPER_CARD_COMMAND } from './command-definitions.js';
import { feedbackOfComponent } from './feedback-controls.js';
import { commandFromInteraction, readOptions } from './interaction-command.js';
import { createReplySender, type ReplyBody, type ReplyTarget } from './interaction-reply.js';
import type { DiscordInteraction } from './interaction-schema.js';
import { InteractionType, type Respond, ResponseType } from './interaction-types.js';
import { EPHEMERAL } from './limits.js';
import { manageChannelsHooks } from './manage-channels-hooks.js';
import { canManageChannels } from './member-permissions.js';
import { createPaperCardAnswer } from './paper-card.js';
import { PANEL_PREFIX } from './settings-panel/panel-ids.js';
import { createSettingsPanel, type PanelInteraction } from './settings-panel/settings-panel.js';

export interface InteractionHandlerOptions {
  bot: BotDependencies;
  rest: REST;
  applicationId: string;
  buttons: ButtonCodec;
  now: () => Date;
  /**
   * Answer with a deferred response when the core has not answered by then (default 25 ms: Discord waits 3 s,
   * but a quick first response keeps a busy bot's answers inside that window whatever the database does). A
   * command that would wait for an answer slot is deferred at once.
   */
  deferAfterMs?: number;
}

const NOT_IN_A_SERVER = refused({
  tone: 'warning',
  text: 'paperboy works in server channels. Run the command in a channel of your server.',
});
/** Discord names the clicker of every click in a server; a body without one cannot be attributed. */
const NO_CLICKER = refused({
  tone: 'warning',
  text: 'Discord did not say who clicked, so paperboy cannot record it. Please click again.',
});

/**
 * Answers interactions, whichever transport delivered them (gateway or HTTP): slash commands through the core
 * handler, the "Paper card" message command (`paper-card.ts`), "Next" and "Share in channel" buttons, the papers' 👍 👎 🔖 controls (buttons and select menus),
 * the settings panel (`/digest config` without options, "Edit settings", their controls and modals:
 * `settings-panel/`), and autocomplete. Replies come at once when the core is quick, else a deferred response is sent before
 * Discord's 3 s and the original is edited afterwards (see `createReplySender`). A feedback click is answered
 * with a message only the clicker sees; the message clicked is never edited by the click (its counts are
 * redrawn by the count redrawer, at most every few seconds).
 */
export function createInteractionHandler(options: InteractionHandlerOptions) {
  const { bot, rest, applicationId, buttons, now } = options;
  const autocomplete = createAutocomplete(bot, now);
  const replies = createReplySender({
    bot,
    rest,
    applicationId,
    buttons,
    deferAfterMs: options.deferAfterMs ?? 25,
    now,
  });
  const message = (reply: Reply): ReplyBody =>
    replies.bodies(reply)[0] ?? { embeds: [], allowed_mentions: { parse: [] }, flags: EPHEMERAL };
  const paperCard = createPaperCardAnswer({
    bot,
    rest,
    applicationId,
    deferAfterMs: options.deferAfterMs ?? 25,
    now,
  });

  const panel = createSettingsPanel({
    bot,
    rest,
    applicationId,
    deferAfterMs: options.deferAfterMs ?? 25,
    message,
  });

  return async function handle(interaction: DiscordInteraction, respond: Respond): Promise<void> {
    if (interaction.type === InteractionType.Ping) return respond({ type: ResponseType.Pong });
    const channelId = interaction.channel_id ?? interaction.channel?.id;
    if (interaction.guild_id === undefined || channelId === undefined) {
      // Autocomplete must be answered with choices, never a message: outside a server there are none.
      if (interaction.type === InteractionType.Autocomplete)
        return respond({ type: ResponseType.Autocomplete, data: { choices: [] } });
      return respond({ type: ResponseType.Message, data: message(NOT_IN_A_SERVER) });
    }
    const channel: ChannelRef = { platform: 'discord', workspaceId: interaction.guild_id, channelId };
    const context = { channel, now: now() };
    const permissions = interaction.member?.permissions;
    const asked: PanelInteraction = { context, permissions, token: interaction.token ?? '' };
    const target: ReplyTarget = {
      token: interaction.token ?? '',
      channel,
      ...(interaction.attachment_size_limit ? { attachmentLimit: interaction.attachment_size_limit } : {}),
    };
    switch (interaction.type) {
      case InteractionType.Autocomplete: {
        const focused = [...readOptions(interaction.data).values.values()].find((entry) => entry.focused);
        const choices = focused ? await autocomplete(channel, focused.name, String(focused.value ?? '')) : [];
        return respond({ type: ResponseType.Autocomplete, data: { choices } });
      }
      case InteractionType.Component: {
        const feedback = feedbackOfComponent(interaction.data);
        if (feedback !== null) {
          const userId = interaction.member?.user?.id ?? interaction.user?.id;
          const click = async (): Promise<Reply> => {
            const reply = userId
              ? await handleFeedback(bot, context, { value: feedback, userId })
              : NO_CLICKER;
            return { ...reply, visibility: 'ephemeral' };
          };
          return replies.answer(click, target, respond, { update: false, ephemeral: true });
        }
        if (interaction.data.custom_id.startsWith(PANEL_PREFIX))
          return panel.click(asked, interaction.data, respond);
        const action = buttons.decode(interaction.data.custom_id);
        // A button that is not paperboy's (another app's, an old message's) is acknowledged and changes nothing.
        if (!action) return respond({ type: ResponseType.DeferredUpdate });
        if (action.kind === 'editSettings') return panel.open(asked, respond);
        const click = { kind: action.kind, value: action.value };
        return replies.answer(() => handleAction(bot, context, click), target, respond, {
          update: click.kind === 'nextPage',
          ephemeral: false,
        });
      }
      case InteractionType.Command: {
        const { data } = interaction;
        if (data.type === ApplicationCommandType.Message && data.name === PAPER_CARD_COMMAND) {
          const guildId = interaction.guild_id;
          return paperCard({ token: target.token, guildId, channel }, data, respond);
        }
        const { sub, values } = readOptions(data);
        if (data.name === ASK_COMMAND) {
          const ask = {
            id: interaction.id ?? interaction.token ?? '',
            guildId: interaction.guild_id,
            channel: interaction.channel ?? { id: channelId },
            userId: interaction.member?.user?.id ?? interaction.user?.id ?? '',
            question: String(values.get('question')?.value ?? ''),
            paper: values.get('paper')?.value === undefined ? undefined : String(values.get('paper')?.value),
          };
          // The answer is for the thread: deferred in public, since a deferred answer keeps its visibility.
          return replies.answer(() => answerAsk(bot, ask, now()), target, respond, {
            update: false,
            ephemeral: false,
          });
        }
        if (data.name === 'digest' && sub === 'config' && values.size === 0)
          return panel.open(asked, respond);
        const hooks = manageChannelsHooks(permissions, data.name, sub);
        const parsed = commandFromInteraction(data);
        // A deferred response cannot change its visibility later: only a digest its member may post is public.
        const posted = parsed.ok && parsed.value.kind === 'digest' && canManageChannels(permissions);
        return replies.answer(() => handleParsed(bot, context, parsed, hooks), target, respond, {
          update: false,
          ephemeral: !posted,
        });
      }
      case InteractionType.ModalSubmit:
        return panel.submit(asked, interaction.data, interaction.message !== undefined, respond);
    }
  };
}

export type InteractionHandler = ReturnType<typeof createInteractionHandler>;
