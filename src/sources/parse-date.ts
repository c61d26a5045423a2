import { cleanText } from './normalize-whitespace.js';

/** Reads an ISO 8601 or RFC 822 date; undefined when absent or unreadable. */
export const parseDate = (text: string | null | undefined): Date | undefined => {
  const clean = cleanText(text);
  if (!clean) return undefined;
  const date = new Date(clean);
  return Number.isNaN(date.getTime()) ? undefined : date;
};
