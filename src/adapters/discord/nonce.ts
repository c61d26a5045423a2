import { createHash } from 'node:crypto';

/** Discord's longest nonce. */
export const NONCE_MAX = 25;

/**
 * The nonce of one post of a message: a hash of the message's idempotency key (channel and digest slot) and the
 * part number, 25 characters, so the same post retried after a crash carries the same nonce and, sent with
 * `enforce_nonce: true`, cannot show twice.
 *
 * @example
 * postNonce('digest:discord:1:2:2026-06-12T09:00Z', 0); // 'x3Jq…' (25 characters)
 */
export const postNonce = (idempotencyKey: string, part: number): string =>
  createHash('sha256').update(`${idempotencyKey}\u0000${part}`).digest('base64url').slice(0, NONCE_MAX);
