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
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Flag 64: only the person who ran the command sees the message. */
export const EPHEMERAL = MessageFlags.Ephemeral;
