import { webApi } from '@slack/bolt';
import { EditRefusedError, PermanentDeliveryError, RateLimitedError } from '../../core/delivery/poster.js';

/** Slack error codes that no retry can fix: the channel or the installation is gone, or the bot lacks rights. */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'invalid_auth',
  'missing_scope',
  'restricted_action',
  'not_installed',
]);

const { ErrorCode } = webApi;

/** The web-api `ErrorCode` of an error (`slack_webapi_platform_error`, ...), if it has one. */
const webApiCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

/** The Slack error code of a web-api platform error (`{ ok: false, error }`), else null. */
export function slackErrorCode(error: unknown): string | null {
  if (webApiCode(error) !== ErrorCode.PlatformError || typeof error !== 'object' || error === null)
    return null;
  const data = 'data' in error ? error.data : undefined;
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  return typeof data.error === 'string' ? data.error : null;
}

/** The seconds a web-api rate-limited error (`WebAPIRateLimitedError`) asks to wait, else null. */
function retryAfterSeconds(error: unknown): number | null {
  if (webApiCode(error) !== ErrorCode.RateLimitedError || typeof error !== 'object' || error === null)
    return null;
  const seconds = 'retryAfter' in error ? error.retryAfter : undefined;
  return typeof seconds === 'number' ? seconds : 1;
}

/**
 * A web-api error as the delivery worker reads it: `RateLimitedError` for a 429 (web-api's `retryAfter` is in
 * seconds), `PermanentDeliveryError` for the codes above, the error itself otherwise (5xx, network: backoff).
 */
export function classifySlackError(error: unknown): unknown {
  const seconds = retryAfterSeconds(error);
  if (seconds !== null) return new RateLimitedError(Math.max(1, seconds) * 1000);
  const code = slackErrorCode(error);
  if (code === 'ratelimited') return new RateLimitedError(1000);
  if (code !== null && PERMANENT_SLACK_ERRORS.has(code))
    return new PermanentDeliveryError(code, { cause: error });
  return error;
}

/** Slack error codes of `chat.update` that no retry can fix: the message is gone, not the bot's, or too old. */
export const UNEDITABLE_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_blocks',
  'msg_blocks_too_long',
]);

/**
 * A `chat.update` error as the count redrawer and the delivery worker read it: `RateLimitedError` (drawn again
 * later), the errors of `classifySlackError`, the core's `EditRefusedError` for a message Slack will not update
 * (deleted, not the bot's, too old), the error itself otherwise.
 */
export function classifySlackEditError(error: unknown): unknown {
  const classified = classifySlackError(error);
  if (classified !== error) return classified;
  const code = slackErrorCode(error);
  return code !== null && UNEDITABLE_SLACK_ERRORS.has(code)
    ? new EditRefusedError(code, { cause: error })
    : error;
}
