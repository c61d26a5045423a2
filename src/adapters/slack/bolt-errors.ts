import type { ServerResponse } from 'node:http';
import {
  type CodedError,
  ErrorCode,
  type ReceiverDispatchErrorHandlerArgs,
  type ReceiverProcessEventErrorHandlerArgs,
  type SocketModeReceiverProcessEventErrorHandlerArgs,
} from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

const plain = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
};

/**
 * How Bolt's failures reach operators and Slack, in one place. A listener that throws goes to `appError` (Bolt's
 * error handler), which logs it once and rethrows, so the receiver answers: 500 over HTTP (or nothing more when
 * the listener had acked), 401 when no installation authorizes the workspace; Socket Mode leaves it un-acked so
 * Slack retries. A request Bolt does not route (its deferred-request error) is the only 404.
 */
export function createBoltErrorHandling(logger: Logger) {
  const log = logger.child({ component: 'bolt' });
  return {
    /** `app.error(...)`: logs, then rethrows to the receiver. */
    async appError(error: CodedError): Promise<void> {
      if (error.code === ErrorCode.AuthorizationError) {
        log.warn(
          'a Slack request came from a workspace paperboy has no installation for (install it at /slack/install)',
          {
            error,
          },
        );
      } else {
        log.error('Slack listener failed', { error });
      }
      throw error;
    },

    /** `HTTPReceiver`'s `dispatchErrorHandler`, also used by the route: 404 for what Bolt does not route. */
    dispatchErrorHandler({ error, request, response }: ReceiverDispatchErrorHandlerArgs): void {
      if (codeOf(error) === ErrorCode.HTTPReceiverDeferredRequestError) {
        log.debug('no Slack route for this request', { method: request.method, url: request.url });
        if (!response.headersSent) plain(response, 404, 'not found\n');
        return;
      }
      log.error('Bolt could not take a Slack request', { error, method: request.method, url: request.url });
      if (!response.headersSent) plain(response, 500, 'internal error\n');
      else response.destroy();
    },

    /**
     * `HTTPReceiver`'s `processEventErrorHandler`: the error was logged by `appError`. Answers 401 or 500 unless
     * the listener already acked, and returns true when it answered, which stops Bolt's 3-second no-ack timer.
     */
    async processEventErrorHandler({
      error,
      response,
    }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
      if (response.headersSent) return false;
      const unauthorized = codeOf(error) === ErrorCode.AuthorizationError;
      plain(
        response,
        unauthorized ? 401 : 500,
        unauthorized ? 'no installation for this workspace\n' : 'internal error\n',
      );
      return true;
    },

    /** `SocketModeReceiver`'s: logged by `appError`; acked only for a missing installation (retries cannot help). */
    async socketProcessEventErrorHandler({
      error,
    }: SocketModeReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
      return codeOf(error) === ErrorCode.AuthorizationError;
    },
  };
}

export type BoltErrorHandling = ReturnType<typeof createBoltErrorHandling>;
