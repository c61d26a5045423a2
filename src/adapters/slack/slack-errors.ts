import { PermanentDeliveryError, RateLimitedError } from '../../core/delivery/poster.js';

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

/** The Slack error code of a web-api platform error (`{ ok: false, error }`), else null. */
export function slackErrorCode(error: unknown): string | null {
  const candidate = error as { code?: unknown; data?: { error?: unknown } } | null;
  if (candidate?.code !== 'slack_webapi_platform_error') return null;
  return typeof candidate.data?.error === 'string' ? candidate.data.error : null;
}

/**
 * A web-api error as the delivery worker reads it: `RateLimitedError` for a 429 (web-api's `retryAfter` is in
 * seconds), `PermanentDeliveryError` for the codes above, the error itself otherwise (5xx, network: backoff).
 */
export function classifySlackError(error: unknown): unknown {
  const candidate = error as { code?: unknown; retryAfter?: unknown } | null;
  if (candidate?.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof candidate.retryAfter === 'number' ? candidate.retryAfter : 1;
    return new RateLimitedError(Math.max(1, seconds) * 1000);
  }
  const code = slackErrorCode(error);
  if (code === 'ratelimited') return new RateLimitedError(1000);
  if (code !== null && PERMANENT_SLACK_ERRORS.has(code))
    return new PermanentDeliveryError(code, { cause: error });
  return error;
}
