import type { CommandData } from './interaction-command.js';

/** The fields of an interaction (gateway `INTERACTION_CREATE` or HTTP body) paperboy reads. */
export interface RawInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string };
  member?: { permissions?: string; user?: { id: string } };
  data?: CommandData & { custom_id?: string; component_type?: number };
}

/** An interaction response body (`{ type, data }`). */
export interface InteractionResponse {
  type: number;
  data?: Record<string, unknown>;
}

/** Sends the initial response: over REST for the gateway, as the HTTP response for HTTP interactions. */
export type Respond = (response: InteractionResponse) => Promise<void>;

export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4 } as const;
export const ResponseType = {
  Pong: 1,
  Message: 4,
  Deferred: 5,
  DeferredUpdate: 6,
  Update: 7,
  Autocomplete: 8,
} as const;
