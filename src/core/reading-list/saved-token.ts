import { parseSince } from '../since.js';

/** What the Next and Share buttons of a reading list carry. */
export interface SavedListToken {
  page: number;
  since?: string;
  by?: string;
}

const VERSION = 'sv1';
const SINCE = /^(\d{1,4}[dwmy]|\d{4}-\d{2}-\d{2})$/;
const USER = /^[A-Z0-9]{2,30}$/;

/**
 * A reading list's button value: `sv1:{page}:{since}:{by}`, e.g. `sv1:1:7d:U123`. Short, so it fits every
 * platform's button as it is.
 *
 * @example
 * encodeSavedToken({ page: 1, since: '7d' }); // 'sv1:1:7d:'
 */
export const encodeSavedToken = (token: SavedListToken): string =>
  [VERSION, token.page, token.since ?? '', token.by ?? ''].join(':');

/** Reads a value made by `encodeSavedToken`; anything else gives null. */
export function decodeSavedToken(value: string): SavedListToken | null {
  const [version, pageText = '', since = '', by = '', ...extra] = value.split(':');
  if (version !== VERSION || extra.length > 0 || !/^(0|[1-9]\d{0,3})$/.test(pageText)) return null;
  if (since !== '' && (!SINCE.test(since) || !parseSince(since, new Date(0)).ok)) return null;
  if (by !== '' && !USER.test(by)) return null;
  return { page: Number(pageText), ...(since ? { since } : {}), ...(by ? { by } : {}) };
}
