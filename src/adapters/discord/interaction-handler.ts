import { type REST, Routes } from 'discord.js';
import { answerInTime } from '../../core/bot/answer-in-time.js';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { CONTINUE, type CommandHooks } from '../../core/bot/command-hooks.js';
import { handleAction, handleParsed } from '../../core/bot/handle-command.js';
import { refused } from '../../core/bot/replies.js';
import type { Reply } from '../../core/cards/card.js';
import type { ChannelRef } from '../../core/channel.js';
import { CHANGING_COMMANDS } from '../../core/commands/command.js';
import { createAutocomplete } from './autocomplete.js';
import type { ButtonCodec } from './buttons.js';
import { withDiscordExamples } from './discord-examples.js';
import { renderReply } from './embeds.js';
import { commandFromInteraction, readOptions } from './interaction-command.js';
import type { DiscordInteraction } from './interaction-schema.js';
import { InteractionType, type Respond, ResponseType } from './interaction-types.js';
import { EPHEMERAL } from './limits.js';
import { canManageChannels } from './member-permissions.js';

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

/**
 * Answers interactions, whichever transport delivered them (gateway or HTTP): slash commands through the core
 * handler, "Next" and "Share in channel" buttons, and autocomplete. Replies come at once when the core is
 * quick, else a deferred response is sent before Discord's 3 s and the original is edited afterwards.
 */
export function createInteractionHandler(options: InteractionHandlerOptions) {
  const { bot, rest, applicationId, buttons, now } = options;
  const autocomplete = createAutocomplete(bot, now);
  const deferAfterMs = options.deferAfterMs ?? 25;

  const body = (reply: Reply) => ({
    ...renderReply(withDiscordExamples(reply.card)),
    components: reply.visibility === 'ephemeral' ? buttons.components(reply.card.actions) : [],
    flags: reply.visibility === 'ephemeral' ? EPHEMERAL : 0,
  });

  /** Responds with the reply if it is ready in time, else defers and edits the original when it is. */
  async function answer(
    start: () => Promise<Reply>,
    token: string,
    respond: Respond,
    mode: { update: boolean; ephemeral: boolean },
  ): Promise<void> {
    const inTime = answerInTime<Reply>(bot, deferAfterMs);
    const work = start();
    const first = await inTime(work);
    if (first) {
      // An update edits the message the button is on, which keeps its own flags (ephemeral or not).
      const { flags, ...edit } = body(first);
      await respond(
        mode.update
          ? { type: ResponseType.Update, data: edit }
          : { type: ResponseType.Message, data: { ...edit, flags } },
      );
      return;
    }
    await respond(
      mode.update
        ? { type: ResponseType.DeferredUpdate }
        : { type: ResponseType.Deferred, data: { flags: mode.ephemeral ? EPHEMERAL : 0 } },
    );
    const reply = await work;
    const { flags: _flags, ...edit } = body(reply);
    await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
      body: edit,
      auth: false,
    });
  }

  /** Discord's check before the core answers: commands that change a channel need Manage Channels. */
  const manageChannelsHooks = (
    permissions: string | undefined,
    name: string,
    sub?: string,
  ): CommandHooks => ({
    before: async (command) =>
      CHANGING_COMMANDS.has(command.kind) && !canManageChannels(permissions)
        ? {
            verdict: 'refuse',
            notice: {
              tone: 'warning',
              text: `Only members who can manage this channel can use /${name}${sub ? ` ${sub}` : ''}.`,
            },
          }
        : CONTINUE,
  });

  return async function handle(interaction: DiscordInteraction, respond: Respond): Promise<void> {
    if (interaction.type === InteractionType.Ping) return respond({ type: ResponseType.Pong });
    const channelId = interaction.channel_id ?? interaction.channel?.id;
    if (interaction.guild_id === undefined || channelId === undefined) {
      // Autocomplete must be answered with choices, never a message: outside a server there are none.
      if (interaction.type === InteractionType.Autocomplete)
        return respond({ type: ResponseType.Autocomplete, data: { choices: [] } });
      return respond({ type: ResponseType.Message, data: body(NOT_IN_A_SERVER) });
    }
    const channel: ChannelRef = { platform: 'discord', workspaceId: interaction.guild_id, channelId };
    const context = { channel, now: now() };
    const permissions = interaction.member?.permissions;
    switch (interaction.type) {
      case InteractionType.Autocomplete: {
        const focused = [...readOptions(interaction.data).values.values()].find((entry) => entry.focused);
        const choices = focused ? await autocomplete(channel, focused.name, String(focused.value ?? '')) : [];
        return respond({ type: ResponseType.Autocomplete, data: { choices } });
      }
      case InteractionType.Component: {
        const action = buttons.decode(interaction.data.custom_id);
        if (!action) return respond({ type: ResponseType.DeferredUpdate });
        return answer(() => handleAction(bot, context, action), interaction.token, respond, {
          update: action.kind === 'nextPage',
          ephemeral: false,
        });
      }
      case InteractionType.Command: {
        const { data } = interaction;
        const hooks = manageChannelsHooks(permissions, data.name, readOptions(data).sub);
        const parsed = commandFromInteraction(data);
        // A deferred response cannot change its visibility later: only a digest its member may post is public.
        const posted = parsed.ok && parsed.value.kind === 'digest' && canManageChannels(permissions);
        return answer(() => handleParsed(bot, context, parsed, hooks), interaction.token, respond, {
          update: false,
          ephemeral: !posted,
        });
      }
    }
  };
}

export type InteractionHandler = ReturnType<typeof createInteractionHandler>;
