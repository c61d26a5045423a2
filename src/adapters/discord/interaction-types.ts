import { InteractionType as DiscordInteractionType, InteractionResponseType } from 'discord.js';

/** An interaction response body (`{ type, data }`). */
export interface InteractionResponse {
  type: InteractionResponseType;
  data?: Record<string, unknown>;
}

/** Sends the initial response: over REST for the gateway, as the HTTP response for HTTP interactions. */
export type Respond = (response: InteractionResponse) => Promise<void>;

/** The interaction types paperboy answers, by the names the handler uses (values from discord-api-types). */
export const InteractionType = {
  Ping: DiscordInteractionType.Ping,
  Command: DiscordInteractionType.ApplicationCommand,
  Component: DiscordInteractionType.MessageComponent,
  Autocomplete: DiscordInteractionType.ApplicationCommandAutocomplete,
  ModalSubmit: DiscordInteractionType.ModalSubmit,
} as const;

/** The response types paperboy sends, by the names the handler uses (values from discord-api-types). */
export const ResponseType = {
  Pong: InteractionResponseType.Pong,
  Message: InteractionResponseType.ChannelMessageWithSource,
  Deferred: InteractionResponseType.DeferredChannelMessageWithSource,
  DeferredUpdate: InteractionResponseType.DeferredMessageUpdate,
  Update: InteractionResponseType.UpdateMessage,
  Autocomplete: InteractionResponseType.ApplicationCommandAutocompleteResult,
  Modal: InteractionResponseType.Modal,
} as const;
