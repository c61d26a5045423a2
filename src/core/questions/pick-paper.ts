import type { PaperItem } from '../cards/card.js';
import { parsePaperId } from '../commands/parse-paper-id.js';
import { findPaperLinks } from '../paper-links.js';

/** Which paper a question is about, or why it cannot tell. */
export type PaperChoice =
  | { kind: 'paper'; paperId: string; question: string }
  | { kind: 'choose'; items: PaperItem[] }
  | { kind: 'none' };

/** `2 what dataset?`, `#2: what dataset?`, `paper 2, what dataset?`: a number choosing one of a thread's papers. */
const LEADING_NUMBER = /^(?:paper\s+)?#?(\d{1,2})\s*[.:,)-]?\s+/i;

/**
 * The paper a question is about: one it names (an arXiv id or a link to the paper anywhere in it), else the
 * thread's only paper, else the one whose number in the thread it starts with (`2 what dataset?`); a thread of
 * several papers without a number asks which. The question comes back without the number or the id it named.
 *
 * @example
 * pickPaper('2 which dataset?', threadItems); // { kind: 'paper', paperId: threadItems[1].id, question: 'which dataset?' }
 */
export function pickPaper(text: string, threadItems: readonly PaperItem[] | null): PaperChoice {
  const linked = findPaperLinks(text)[0];
  if (linked) return { kind: 'paper', paperId: linked.id, question: text.replace(linked.url, '').trim() };
  for (const word of text.split(/\s+/)) {
    const id = /\d{4}\.\d{4,5}|\//.test(word) ? parsePaperId(word.replace(/[.,;:?!)]+$/, '')) : undefined;
    if (id) return { kind: 'paper', paperId: id, question: text.replace(word, '').trim() };
  }
  if (!threadItems || threadItems.length === 0) return { kind: 'none' };
  const [only] = threadItems;
  if (threadItems.length === 1 && only) return { kind: 'paper', paperId: only.id, question: text };
  const numbered = LEADING_NUMBER.exec(text);
  const chosen = numbered ? threadItems[Number(numbered[1]) - 1] : undefined;
  if (numbered && chosen)
    return { kind: 'paper', paperId: chosen.id, question: text.slice(numbered[0].length).trim() };
  return { kind: 'choose', items: [...threadItems] };
}
