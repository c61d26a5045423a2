import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets at rest (Slack installations and their bot tokens). `associated` binds a ciphertext to
 * its row (e.g. the team id), so a ciphertext copied to another row does not decrypt.
 *
 * @example
 * const box = createSecretBox(key);
 * box.open(box.seal('xoxb-1', 'T1'), 'T1'); // 'xoxb-1'
 */
export function createSecretBox(key: Buffer) {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes (PAPERBOY_SECRET_KEY)');
  return {
    /** `v1:` + base64(iv | tag | ciphertext). */
    seal(plaintext: string, associated: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associated, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    /** Throws when the ciphertext was altered, moved to another row, or sealed with another key. */
    open(sealed: string, associated: string): string {
      const [version, payload = ''] = sealed.split(':', 2);
      if (version !== VERSION) throw new Error(`unknown secret format ${version ?? ''}`);
      const bytes = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(associated, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
