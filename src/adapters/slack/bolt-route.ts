import type { Logger as BoltLogger, HTTPReceiver } from '@slack/bolt';
import type { RouteHandler } from '../../http/http-server.js';
import type { BoltErrorHandling } from './bolt-errors.js';

/** Slack's requests are a few kilobytes (a button click carries its message); longer ones get 413. */
export const SLACK_MAX_BODY_BYTES = 1_000_000;

/**
 * Every path under `/slack/` on the shared HTTP server, handed to Bolt's `HTTPReceiver`, which routes it
 * (`/slack/events`, and the OAuth paths when installed with OAuth). A path Bolt does not route makes it throw its
 * deferred-request error, answered 404; anything else it throws is logged and answered 500. After `stop`, 503.
 */
export function createBoltRoute(options: {
  receiver: HTTPReceiver;
  errors: BoltErrorHandling;
  logger: BoltLogger;
  isStopped: () => boolean;
}): RouteHandler {
  return (request, response) => {
    if (options.isStopped()) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('paperboy is shutting down\n');
      return;
    }
    try {
      options.receiver.requestListener(request, response);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      options.errors.dispatchErrorHandler({ error, logger: options.logger, request, response });
    }
  };
}
