/** Text helpers for cards: one-line summaries and author lists that fit platform limits. */

const ELLIPSIS = '…';

/** Collapses every run of whitespace (line breaks included) into one space and trims the ends. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Shortens `text` to at most `max` UTF-16 code units (the unit the platforms' limits count), cutting at the last
 * word boundary that fits and adding `…`. A word longer than the room, or a boundary so early that less than half
 * the room would be used, is cut mid-word instead. Never splits a surrogate pair; `max < 1` gives `''`.
 *
 * @example
 * truncateAtWord('Sparse attention for long contexts', 20); // 'Sparse attention…'
 */
export const truncateAtWord = (text: string, max: number): string => {
  if (!(max >= 1)) return '';
  const limit = Math.floor(max);
  if (text.length <= limit) return text;
  const trimmed = text.trimEnd();
  if (trimmed.length <= limit) return trimmed;
  const room = limit - 1;
  let cut = cutAtBoundary(text, room);
  if (cut.length < room / 2) cut = hardCut(text, room);
  return `${cut}${ELLIPSIS}`;
};

/** The longest prefix of at most `room` units that ends before a whitespace, without trailing punctuation. */
const cutAtBoundary = (text: string, room: number): string => {
  for (let index = room; index > 0; index -= 1) {
    if (/\s/.test(text.charAt(index))) {
      return text
        .slice(0, index)
        .replace(/[\s,;:–—-]+$/u, '')
        .trimEnd();
    }
  }
  return '';
};

const hardCut = (text: string, room: number): string => {
  const code = text.charCodeAt(room - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? room - 1 : room;
  return text.slice(0, end).trimEnd();
};

/** Words that end with a full stop without ending a sentence (lower case, without the stop). */
const ABBREVIATIONS = new Set([
  'al',
  'approx',
  'cf',
  'e.g',
  'eg',
  'i.e',
  'ie',
  'resp',
  'viz',
  'vs',
  'w.r.t',
  'wrt',
]);
/** Abbreviations that only come before a number or a reference: `Fig. 2`, `Eq. (3)`, `Sec. [4]`. */
const NUMBERED_ABBREVIATIONS = new Set([
  'eq',
  'eqs',
  'fig',
  'figs',
  'no',
  'nos',
  'ref',
  'refs',
  'sec',
  'secs',
  'tab',
]);

/** A sentence-ending mark, optionally followed by closing quotes or brackets, then whitespace or the end. */
const TERMINATOR = /[.!?]+["'”’)\]]*(?=\s|$)/gu;

/**
 * The first sentence of an abstract, on one line, shortened with `truncateAtWord` to `max`. A full stop after an
 * abbreviation (`e.g.`, `et al.`, `Fig. 2`, `vs.`) or before a lower-case word does not end the
 * sentence; decimals like `3.5` never do.
 *
 * @example
 * firstSentence('We study LoRA, e.g. rank 8 vs. 16. It works.', 200); // 'We study LoRA, e.g. rank 8 vs. 16.'
 */
export const firstSentence = (text: string, max: number): string =>
  truncateAtWord(sentences(text)[0] ?? '', max);

/**
 * Splits text into sentences, each on one line, by the same rules as `firstSentence`: a full stop after an
 * abbreviation, before a lower-case word or inside a decimal does not end a sentence. Blank text gives `[]`.
 *
 * @example
 * sentences('Smith et al. show it. It works, e.g. at 3.5 bits.'); // ['Smith et al. show it.', 'It works, e.g. at 3.5 bits.']
 */
export const sentences = (text: string): string[] => {
  const line = oneLine(text);
  const found: string[] = [];
  let start = 0;
  for (const end of sentenceEnds(line)) {
    found.push(line.slice(start, end).trim());
    start = end;
  }
  const rest = line.slice(start).trim();
  if (rest !== '') found.push(rest);
  return found;
};

/** Every index just after a mark that ends a sentence, in order. */
function* sentenceEnds(line: string): Generator<number> {
  for (const match of line.matchAll(TERMINATOR)) {
    const start = match.index;
    const end = start + match[0].length;
    const next = nextChar(line, end);
    if (next !== '' && /\p{Ll}/u.test(next)) continue;
    if (match[0].startsWith('.') && isAbbreviation(wordBefore(line, start), next)) continue;
    yield end;
  }
}

/** The first non-space code unit at or after `from`, or `''`. */
const nextChar = (line: string, from: number): string => {
  const found = /\S/g;
  found.lastIndex = from;
  return found.exec(line)?.[0] ?? '';
};

/** How far back `wordBefore` looks first; a longer word is read again from the start of the line. */
const WORD_WINDOW = 64;

/**
 * The letters and dots just before `end`. Looking at a window, not the whole line, keeps splitting a long text
 * linear.
 */
const wordBefore = (line: string, end: number): string => {
  const from = Math.max(0, end - WORD_WINDOW);
  const match = WORD_AT_END.exec(line.slice(from, end));
  // A match at the window's edge (or one unit in, after half a surrogate pair) may be longer: read it whole.
  if (match && match.index <= 1 && from > 0) return WORD_AT_END.exec(line.slice(0, end))?.[1] ?? '';
  return match?.[1] ?? '';
};
const WORD_AT_END = /([\p{L}.]+)$/u;

/** True when the word before a full stop is an abbreviation or dotted (`U.S.`). */
const isAbbreviation = (wordBeforeStop: string, next: string): boolean => {
  const word = wordBeforeStop.toLowerCase();
  if (word === '') return false;
  if (ABBREVIATIONS.has(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return NUMBERED_ABBREVIATIONS.has(word) && /[\d([]/.test(next);
};

/**
 * Authors for a card: the first three, then ` et al.` when there are more; `''` for none. Blank names are
 * skipped.
 *
 * @example
 * formatAuthors(['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra']);
 * // 'Ada Lovelace, Alan Turing, Grace Hopper et al.'
 */
export const formatAuthors = (names: readonly string[]): string => {
  const clean = names.map(oneLine).filter((name) => name !== '');
  const shown = clean.slice(0, 3).join(', ');
  return clean.length > 3 ? `${shown} et al.` : shown;
};
