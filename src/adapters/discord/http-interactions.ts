import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger.js';
import { type RouteHandler, readRawBody } from '../../http/http-server.js';
import { type DiscordInteraction, parseInteraction } from './interaction-schema.js';
import type { InteractionResponse, Respond } from './interaction-types.js';
import { discordPublicKey, verifyDiscordRequest } from './verify-signature.js';

/** Where Discord's Interactions Endpoint URL must point. */
export const INTERACTIONS_PATH = '/discord/interactions';
/** An interaction body is a few kilobytes; this is the route's limit (413 past it). */
export const INTERACTIONS_MAX_BODY_BYTES = 100_000;

/** Answers one validated interaction; `respond` sends its initial response. */
export type ValidatedInteractionHandler = (
  interaction: DiscordInteraction,
  respond: Respond,
) => Promise<void>;

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const plain = (response: ServerResponse, status: number, text: string): void => {
  response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
};

/**
 * `POST /discord/interactions`: verifies the Ed25519 signature (401 on any failure, as Discord expects), parses
 * and validates the interaction (400 when it is not JSON or not an interaction paperboy answers), then feeds it
 * to the shared handler; its initial response is this HTTP response (500 when the handler fails before it).
 * Bodies over `INTERACTIONS_MAX_BODY_BYTES` get 413 from the HTTP server.
 */
export function createInteractionsRoute(options: {
  publicKey: string;
  handle: ValidatedInteractionHandler;
  logger: Logger;
  now: () => Date;
}): RouteHandler {
  const key = discordPublicKey(options.publicKey);
  const log = options.logger.child({ component: 'discord-http' });
  return async (request, response) => {
    const body = await readRawBody(request, INTERACTIONS_MAX_BODY_BYTES);
    const verified = verifyDiscordRequest({
      key,
      signature: header(request, 'x-signature-ed25519'),
      timestamp: header(request, 'x-signature-timestamp'),
      body,
      now: options.now(),
    });
    if (!verified) return plain(response, 401, 'invalid request signature\n');
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return plain(response, 400, 'body is not JSON\n');
    }
    const parsed = parseInteraction(json);
    if (!parsed.ok) {
      log.warn('answered 400 to a signed interaction paperboy cannot read', { problems: parsed.error });
      return plain(response, 400, `invalid interaction: ${parsed.error.join('; ')}\n`);
    }
    const interaction = parsed.value;
    const respond = async (reply: InteractionResponse) => {
      if (response.headersSent) throw new Error('an interaction has one initial response');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    };
    try {
      await options.handle(interaction, respond);
    } catch (error) {
      log.error('interaction failed', { error, type: interaction.type });
    }
    if (!response.headersSent) {
      log.error('interaction left without an initial response; answered 500', { type: interaction.type });
      plain(response, 500, 'interaction failed\n');
    }
  };
}
