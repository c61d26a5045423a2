import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  MessageType,
  ApplicationCommandOptionType as OptionType,
} from 'discord.js';
import { z } from 'zod';
import { err, ok, type Result } from '../../core/result.js';

/**
 * Bounds on what an interaction may carry, from Discord's own limits: names are at most 32 characters and
 * `custom_id` 100, a string option at most 6000; a token goes into a REST path, so it may not hold `/`, `?`,
 * `#`, `%` or `\`. Names get room to grow (100), so a longer name Discord allows some day is not refused.
 */
export const INTERACTION_BOUNDS = {
  name: 100,
  customId: 100,
  stringValue: 6000,
  token: 1000,
  options: 25,
  /** A string select's chosen values: at most 25, each at most 100 characters. */
  selectValues: 25,
  selectValue: 100,
  /** A modal's rows (or labels), and what one text input may hold. */
  modalComponents: 5,
  textInputValue: 4000,
  /** A message's text (4000 with Nitro) and its embeds (10 for a bot; link previews add a few). */
  messageContent: 4000,
  messageEmbeds: 25,
  url: 2048,
} as const;

const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a snowflake (a decimal id)');
const token = z
  .string()
  .min(1)
  .max(INTERACTION_BOUNDS.token)
  .regex(/^[^\s/?#%\\]+$/, 'must be usable in a URL path');
/** A permission bitfield as Discord sends it: a decimal string, read with BigInt (it passes 2^53). */
const permissions = z.string().regex(/^\d{1,32}$/, 'must be a decimal bitfield');
const name = z.string().min(1).max(INTERACTION_BOUNDS.name);

const VALUE_OPTION_TYPES = [
  OptionType.String,
  OptionType.Integer,
  OptionType.Boolean,
  OptionType.User,
  OptionType.Channel,
  OptionType.Role,
  OptionType.Mentionable,
  OptionType.Number,
  OptionType.Attachment,
] as const;

/** What each option type's `value` must be (autocomplete's focused option holds the text typed so far). */
const VALUE_CHECKS: Record<(typeof VALUE_OPTION_TYPES)[number], (value: unknown) => boolean> = {
  [OptionType.String]: (value) => typeof value === 'string',
  [OptionType.Integer]: (value) => Number.isSafeInteger(value),
  [OptionType.Number]: (value) => typeof value === 'number',
  [OptionType.Boolean]: (value) => typeof value === 'boolean',
  [OptionType.User]: (value) => snowflake.safeParse(value).success,
  [OptionType.Channel]: (value) => snowflake.safeParse(value).success,
  [OptionType.Role]: (value) => snowflake.safeParse(value).success,
  [OptionType.Mentionable]: (value) => snowflake.safeParse(value).success,
  [OptionType.Attachment]: (value) => snowflake.safeParse(value).success,
};

const valueOption = z
  .object({
    name,
    type: z.literal(VALUE_OPTION_TYPES),
    value: z.union([z.string().max(INTERACTION_BOUNDS.stringValue), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
  })
  .refine(
    (option) =>
      option.value === undefined || option.focused === true || VALUE_CHECKS[option.type](option.value),
    { message: "value does not match the option's type", path: ['value'] },
  );
const subcommand = z.object({
  name,
  type: z.literal(OptionType.Subcommand),
  options: z.array(valueOption).max(INTERACTION_BOUNDS.options).optional(),
});
const subcommandGroup = z.object({
  name,
  type: z.literal(OptionType.SubcommandGroup),
  options: z.array(subcommand).max(INTERACTION_BOUNDS.options).optional(),
});
const option = z.discriminatedUnion('type', [subcommandGroup, subcommand, valueOption]);

/** A slash command (`type` 1, or absent in old bodies) or a user command (2), which paperboy reads the same way. */
const commandData = z.object({
  name,
  type: z.literal([ApplicationCommandType.ChatInput, ApplicationCommandType.User]).optional(),
  options: z.array(option).max(INTERACTION_BOUNDS.options).optional(),
});

/**
 * A message as paperboy reads it, in a message command's `resolved.messages` and in a gateway `MESSAGE_CREATE`:
 * who wrote it (a bot, a webhook), its text and its embeds' URLs. `content` is empty when the app lacks the
 * Message Content intent (except in interactions, which always carry it).
 */
export const messageSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.optional(),
  type: z.number().int().optional(),
  content: z.string().max(INTERACTION_BOUNDS.messageContent).optional(),
  author: z.object({ id: snowflake, bot: z.boolean().optional() }),
  webhook_id: snowflake.optional(),
  embeds: z
    .array(z.object({ url: z.string().max(INTERACTION_BOUNDS.url).optional() }))
    .max(INTERACTION_BOUNDS.messageEmbeds)
    .optional(),
});
export type DiscordMessageSeen = z.infer<typeof messageSchema>;

/** A message command (a message's context menu): the message it was run on is in `resolved.messages`. */
const messageCommandData = z
  .object({
    name,
    type: z.literal(ApplicationCommandType.Message),
    target_id: snowflake,
    resolved: z.object({ messages: z.record(snowflake, messageSchema) }),
  })
  .refine((data) => data.resolved.messages[data.target_id] !== undefined, {
    message: 'the target message is not in resolved.messages',
    path: ['resolved', 'messages'],
  });
export type MessageCommandData = z.infer<typeof messageCommandData>;

const applicationCommandData = z.discriminatedUnion('type', [messageCommandData, commandData]);
/** A button click, or a select menu's choice (`values`, what the options chosen carry). */
const componentData = z.object({
  custom_id: z.string().min(1).max(INTERACTION_BOUNDS.customId),
  component_type: z.number().int(),
  values: z
    .array(z.string().max(INTERACTION_BOUNDS.selectValue))
    .max(INTERACTION_BOUNDS.selectValues)
    .optional(),
});

/** A text input of a submitted modal: its `custom_id` and what was typed. */
const submittedTextInput = z.object({
  type: z.literal(ComponentType.TextInput),
  custom_id: z.string().min(1).max(INTERACTION_BOUNDS.customId),
  value: z.string().max(INTERACTION_BOUNDS.textInputValue),
});
/** A modal's text inputs come in action rows (paperboy's modals), or in labels (Discord's newer modals). */
const submittedModalComponent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal(ComponentType.ActionRow),
    components: z.array(submittedTextInput).min(1).max(INTERACTION_BOUNDS.modalComponents),
  }),
  z.object({ type: z.literal(ComponentType.Label), component: submittedTextInput }),
]);
/** A submitted modal: its `custom_id` and its text inputs. */
const modalSubmitData = z.object({
  custom_id: z.string().min(1).max(INTERACTION_BOUNDS.customId),
  components: z.array(submittedModalComponent).min(1).max(INTERACTION_BOUNDS.modalComponents),
});
export type ModalSubmitData = z.infer<typeof modalSubmitData>;

/**
 * What a submitted modal's text inputs hold, by their `custom_id`.
 *
 * @example
 * modalFields({ custom_id: 'p|m|time', components: [{ type: 1, components: [{ type: 4, custom_id: 'time', value: '09:30' }] }] });
 * // Map { 'time' => '09:30' }
 */
export const modalFields = (data: ModalSubmitData): Map<string, string> =>
  new Map(
    data.components
      .flatMap((component) => ('components' in component ? component.components : [component.component]))
      .map((input) => [input.custom_id, input.value]),
  );

/** Where an interaction comes from; a DM has `user` and no `member` or `guild_id`. */
const origin = {
  application_id: snowflake.optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  /** In a thread, its `type` (10, 11, 12) and `parent_id`, the channel the thread's first message is in. */
  channel: z
    .object({ id: snowflake, type: z.number().int().optional(), parent_id: snowflake.nullish() })
    .optional(),
  member: z
    .object({ permissions: permissions.optional(), user: z.object({ id: snowflake }).optional() })
    .optional(),
  user: z.object({ id: snowflake }).optional(),
  /** The largest attachment the answer may carry, in bytes (recent bodies; depends on the server's boosts). */
  attachment_size_limit: z.number().int().positive().optional(),
};

/**
 * The interactions paperboy answers, as Discord sends them over HTTP or the gateway: only the fields it reads
 * are checked (and kept); every other key is tolerated and dropped, so recent bodies with `context`,
 * `entitlements` or `authorizing_integration_owners` pass. Commands, clicks and submitted modals need their
 * `id` and `token` (the answer may be deferred, then edited through the token); a PING or an autocomplete is answered
 * in the HTTP response, and the bodies Discord documents for them may lack both.
 */
export const interactionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal(InteractionType.Ping),
    id: snowflake.optional(),
    token: token.optional(),
    ...origin,
  }),
  z.object({
    type: z.literal(InteractionType.ApplicationCommand),
    id: snowflake,
    token,
    ...origin,
    data: applicationCommandData,
  }),
  z.object({
    type: z.literal(InteractionType.MessageComponent),
    id: snowflake,
    token,
    ...origin,
    data: componentData,
  }),
  z.object({
    type: z.literal(InteractionType.ModalSubmit),
    id: snowflake,
    token,
    ...origin,
    data: modalSubmitData,
    /** The message whose button opened the modal; its answer may then update that message. */
    message: z.object({ id: snowflake }).optional(),
  }),
  z.object({
    type: z.literal(InteractionType.ApplicationCommandAutocomplete),
    id: snowflake.optional(),
    token: token.optional(),
    ...origin,
    data: commandData,
  }),
]);

/** A validated interaction; narrow on `type` to reach its `data`. */
export type DiscordInteraction = z.infer<typeof interactionSchema>;
/** An application command option after validation (sub-commands and groups nest theirs). */
export type DiscordOption = z.infer<typeof option>;

const ANSWERED_TYPES = new Set<unknown>(interactionSchema.options.map((variant) => variant.shape.type.value));
const MAX_PROBLEMS = 3;

/**
 * Validates a parsed interaction body. The error lists at most three problems, each as `path: message`
 * (never the offending value, which may be huge or private), for a 400 answer and the log.
 *
 * @example
 * parseInteraction({ type: 1 }); // ok({ type: 1 })
 * parseInteraction({ type: 2, id: '1', token: 't', data: { name: 'papers', options: 'lora' } });
 * // err(['data.options: Invalid input: expected array, received string'])
 */
export function parseInteraction(body: unknown): Result<DiscordInteraction, string[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return err(['an interaction must be a JSON object']);
  const type = 'type' in body ? body.type : undefined;
  if (!ANSWERED_TYPES.has(type)) {
    return err([
      `type: ${describe(type)} is not an interaction paperboy answers (1 ping, 2 command, 3 component, 4 autocomplete, 5 modal submit)`,
    ]);
  }
  const parsed = interactionSchema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues
      .slice(0, MAX_PROBLEMS)
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
  );
}

const describe = (value: unknown): string =>
  value === undefined ? 'missing' : (JSON.stringify(value) ?? typeof value).slice(0, 20);

/** Message types that people write (a message, a reply); joins, pins, boosts and the like are not read. */
const WRITTEN = new Set<number>([MessageType.Default, MessageType.Reply]);

/**
 * A gateway `MESSAGE_CREATE`, validated like an interaction: the message, or the problems (at most three).
 *
 * @example
 * parseGatewayMessage({ id: '1', channel_id: '2', guild_id: '3', content: 'see arxiv.org/abs/2606.00467', author: { id: '4' } });
 * // ok({ id: '1', channel_id: '2', guild_id: '3', content: 'see arxiv.org/abs/2606.00467', author: { id: '4' } })
 */
export function parseGatewayMessage(body: unknown): Result<DiscordMessageSeen, string[]> {
  const parsed = messageSchema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues
      .slice(0, MAX_PROBLEMS)
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
  );
}

/** Written by a person: not a bot (paperboy included), not a webhook, not a system message. */
export const isWrittenByPerson = (message: DiscordMessageSeen): boolean =>
  message.author.bot !== true &&
  message.webhook_id === undefined &&
  (message.type === undefined || WRITTEN.has(message.type));
