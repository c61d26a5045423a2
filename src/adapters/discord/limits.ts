import { MessageFlags } from 'discord.js';

/** Discord's message and embed limits (see docs/PLATFORMS.md), counted in UTF-16 code units. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** All embeds of one message together. */
  embedsTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  customId: 100,
  buttonLabel: 80,
  /** Action rows per message, and buttons per row (a select menu fills its row alone). */
  actionRows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  selectLabel: 100,
  selectValue: 100,
  selectPlaceholder: 150,
  /** An attachment's size when the interaction does not say (`attachment_size_limit`): 10 MiB. */
  attachmentBytes: 10 * 1024 * 1024,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Flag 64: only the person who ran the command sees the message. */
export const EPHEMERAL = MessageFlags.Ephemeral;
