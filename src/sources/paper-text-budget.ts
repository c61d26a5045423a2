import { truncateAtWord } from '../core/cards/text.js';

/** Less room than this after the whole paragraphs is not worth a cut one. */
const MIN_PARTIAL = 40;

/**
 * The start of a paper's text within `maxChars` UTF-16 units: whole paragraphs (blocks separated by a blank
 * line, as `htmlToText` writes them) from the beginning, so the abstract and introduction come first, then the
 * next paragraph cut at a word with `truncateAtWord` when at least 40 units of room are left. A first
 * paragraph longer than the budget is cut the same way. Never longer than `maxChars`; text that fits comes back
 * unchanged.
 *
 * @example
 * cutToBudget('Abstract\n\nWe propose a shared basis for adapters.\n\nLong method section ...', 60);
 * // 'Abstract\n\nWe propose a shared basis for adapters.'
 */
export const cutToBudget = (text: string, maxChars: number): string => {
  if (!(maxChars >= 1)) return '';
  const budget = Math.floor(maxChars);
  if (text.length <= budget) return text;
  const paragraphs = text
    .split(/\n[^\S\n]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  const kept: string[] = [];
  let used = 0;
  for (const paragraph of paragraphs) {
    const separator = kept.length === 0 ? 0 : 2;
    const room = budget - used - separator;
    if (paragraph.length <= room) {
      kept.push(paragraph);
      used += separator + paragraph.length;
      continue;
    }
    if (kept.length === 0 || room >= MIN_PARTIAL) kept.push(truncateAtWord(paragraph, room));
    break;
  }
  return kept.join('\n\n');
};
