import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger.js';
import { type RouteHandler, readRawBody } from '../../http/http-server.js';
import type { InteractionHandler } from './interaction-handler.js';
import type { InteractionResponse, RawInteraction } from './interaction-types.js';
import { discordPublicKey, verifyDiscordRequest } from './verify-signature.js';

/** Where Discord's Interactions Endpoint URL must point. */
export const INTERACTIONS_PATH = '/discord/interactions';

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const unauthorized = (response: ServerResponse) =>
  response.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature\n');

/**
 * `POST /discord/interactions`: verifies the Ed25519 signature (401 on any failure, as Discord expects), then
 * feeds the interaction to the shared handler; its initial response is this HTTP response.
 */
export function createInteractionsRoute(options: {
  publicKey: string;
  handle: InteractionHandler;
  logger: Logger;
  now: () => Date;
}): RouteHandler {
  const key = discordPublicKey(options.publicKey);
  const log = options.logger.child({ component: 'discord-http' });
  return async (request, response) => {
    let body: Buffer;
    try {
      body = await readRawBody(request, 100_000);
    } catch {
      unauthorized(response);
      return;
    }
    const verified = verifyDiscordRequest({
      key,
      signature: header(request, 'x-signature-ed25519'),
      timestamp: header(request, 'x-signature-timestamp'),
      body,
      now: options.now(),
    });
    if (!verified) {
      unauthorized(response);
      return;
    }
    let interaction: RawInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as RawInteraction;
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('body is not JSON\n');
      return;
    }
    let answered = false;
    const respond = async (reply: InteractionResponse) => {
      answered = true;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    };
    try {
      await options.handle(interaction, respond);
    } catch (error) {
      log.error('interaction failed', { error, type: interaction.type });
    }
    if (!answered && !response.headersSent) response.writeHead(204).end();
  };
}
