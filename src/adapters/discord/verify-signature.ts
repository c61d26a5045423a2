import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** How old (or how far in the future) a signed timestamp may be. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** The application's public key (64 hex characters from the Developer Portal) as a node:crypto key. */
export const discordPublicKey = (hex: string): KeyObject =>
  createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });

/**
 * True when `X-Signature-Ed25519` is a valid Ed25519 signature of `X-Signature-Timestamp + raw body` and the
 * timestamp (Unix seconds) is within five minutes of `now`. Never throws.
 *
 * @example
 * verifyDiscordRequest({ key, signature, timestamp, body, now: new Date() }); // true or false
 */
export function verifyDiscordRequest(request: {
  key: KeyObject;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  now: Date;
}): boolean {
  const { signature, timestamp } = request;
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) {
    return false;
  }
  if (Math.abs(request.now.getTime() - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) return false;
  try {
    const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.body]);
    return verify(null, message, request.key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}
