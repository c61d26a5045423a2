/**
 * Collapses every run of whitespace (spaces, tabs, hard line wraps) into one space and trims the ends.
 * arXiv's legacy Atom wraps titles and abstracts at ~80 columns with leading spaces; this undoes that.
 *
 * @example
 * normalizeWhitespace('FOLD: Neural Keypoint Policies for Long-Horizon Laundry Folding With\n  Recovery From Mistakes');
 * // 'FOLD: Neural Keypoint Policies for Long-Horizon Laundry Folding With Recovery From Mistakes'
 */
export const normalizeWhitespace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Like `normalizeWhitespace`, but turns an absent or blank text into undefined. */
export const cleanText = (text: string | null | undefined): string | undefined => {
  if (text == null) return undefined;
  const clean = normalizeWhitespace(text);
  return clean === '' ? undefined : clean;
};
