/** Hides a secret wherever it appears in text that may reach an error message or a log. */
export type Redact = (text: string) => string;

/**
 * A `Redact` for one secret; an unset or empty secret leaves text as it is.
 *
 * @example
 * redactSecret('sk-123')('Incorrect API key provided: sk-123'); // 'Incorrect API key provided: [redacted]'
 */
export const redactSecret =
  (secret: string | undefined): Redact =>
  (text) =>
    secret ? text.replaceAll(secret, '[redacted]') : text;
