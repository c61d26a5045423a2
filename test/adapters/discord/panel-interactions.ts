import { CHANNEL_ID, commandInteraction, componentInteraction, GUILD_ID } from './discord-fixtures.js';

/** Manage Channels (1 << 4): what the panel asks of a member. */
export const MANAGE_CHANNELS = '16';
/** Send Messages and Embed Links only: a member who may not change settings. */
export const NO_MANAGE = String((1 << 11) | (1 << 14));

/** Where an interaction comes from: a guild and one of its channels (snowflakes). */
export interface Where {
  guildId: string;
  channelId: string;
}
export const FIXTURE_CHANNEL: Where = { guildId: GUILD_ID, channelId: CHANNEL_ID };

const placed = <T extends { channel: Record<string, unknown> }>(body: T, where: Where): T => ({
  ...body,
  guild_id: where.guildId,
  channel_id: where.channelId,
  channel: { ...body.channel, id: where.channelId, guild_id: where.guildId },
});

/** `/digest <sub>` with its options (`config` without options opens the panel), as Discord sends it. */
export function digestCommand(
  sub: string,
  options: { name: string; type: number; value: unknown }[],
  extra: { token: string; permissions: string; where?: Where },
) {
  const body = commandInteraction('digest', [{ name: sub, type: 1, options }], {
    token: extra.token,
    permissions: extra.permissions,
  });
  return placed(body, extra.where ?? FIXTURE_CHANNEL);
}

/** Any slash command with its options, placed in a channel (`/subscribe terms:…`). */
export function slashCommand(
  name: string,
  options: { name: string; type: number; value: unknown }[],
  extra: { token: string; permissions: string; where?: Where },
) {
  const body = commandInteraction(name, options, { token: extra.token, permissions: extra.permissions });
  return placed(body, extra.where ?? FIXTURE_CHANNEL);
}

/**
 * A click on a panel control as Discord sends it: a button, or a string select with its chosen `values`, on the
 * message `messageId` (the panel).
 */
export function panelClick(
  customId: string,
  extra: { token: string; permissions: string; values?: string[]; where?: Where; messageId?: string },
) {
  const body = componentInteraction(customId, {
    token: extra.token,
    permissions: extra.permissions,
    ...(extra.values ? { values: extra.values } : {}),
  });
  const clicked = extra.messageId ? { message: { ...body.message, id: extra.messageId } } : {};
  return { ...placed(body, extra.where ?? FIXTURE_CHANNEL), ...clicked };
}

/**
 * A submitted modal (type 5) as Discord sends it: its `custom_id`, one action row per text input with what was
 * typed, and the message whose button opened it (`messageId`; null for a modal that did not come from one).
 */
export function modalSubmit(
  customId: string,
  fields: Record<string, string>,
  extra: { token: string; permissions: string; where?: Where; messageId?: string | null },
) {
  const {
    data: _click,
    message,
    ...base
  } = panelClick('p|modal', {
    token: extra.token,
    permissions: extra.permissions,
    ...(extra.where ? { where: extra.where } : {}),
    ...(extra.messageId ? { messageId: extra.messageId } : {}),
  });
  return {
    ...base,
    type: 5,
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    },
    ...(extra.messageId === null ? {} : { message }),
  };
}
