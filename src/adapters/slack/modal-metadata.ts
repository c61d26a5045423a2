/**
 * What a modal remembers between opening and submitting (`private_metadata`): the channel it changes, and the
 * App Home page it was opened from, if any (to publish that page again once saved). A user can send anything
 * here, so it is read back strictly and never trusted for permissions: submitting checks the channel again.
 */
export interface ModalMetadata {
  channelId: string;
  /** The offset of the App Home page the modal was opened from; absent when opened elsewhere. */
  homeOffset?: number;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,30}$/;

export const isChannelId = (value: unknown): value is string =>
  typeof value === 'string' && CHANNEL_ID.test(value);

export function encodeModalMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(
    metadata.homeOffset === undefined
      ? { channel: metadata.channelId }
      : { channel: metadata.channelId, home: metadata.homeOffset },
  );
}

/** The metadata, or null when it is not what paperboy wrote. */
export function decodeModalMetadata(text: string | undefined): ModalMetadata | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { channel, home } = parsed as { channel?: unknown; home?: unknown };
  if (!isChannelId(channel)) return null;
  if (home === undefined) return { channelId: channel };
  return typeof home === 'number' && Number.isInteger(home) && home >= 0
    ? { channelId: channel, homeOffset: home }
    : null;
}
