import { err, ok, type Result } from '../result.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';

/**
 * One piece of a command line: `lora`, `"vision language"`, `-survey`, `author:"Ilse Marrow"`, `limit:5`.
 */
export interface Token {
  /** The token as typed, quotes included, for error messages. */
  raw: string;
  /** It began with `-` outside quotes (`-survey`, `-"literature review"`). */
  negated: boolean;
  /** The lowercased key of a `key:value` token; the key is outside quotes and starts with a letter. */
  key?: string;
  /** The text without `-`, key or quotes, with whitespace collapsed and trimmed. */
  value: string;
  /** The value was written in quotes. */
  quoted: boolean;
}

/** Straight quotes, and the curly ones Slack and macOS put in: each opens or closes a quote. */
const QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E']);
const KEY = /[A-Za-z][A-Za-z0-9_-]*:/y;

const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);
const isQuote = (char: string | undefined): boolean => char !== undefined && QUOTES.has(char);

/** Collapses runs of whitespace to one space and trims. */
export const collapseWhitespace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Splits a command line into tokens. Whitespace separates tokens except inside quotes; a quote also ends an
 * unquoted word (`lora"vision language"` is two tokens). Fails only on a quote that is never closed.
 *
 * @example
 * tokenize('lora -"literature review"');
 * // ok([{ raw: 'lora', negated: false, value: 'lora', quoted: false },
 * //     { raw: '-"literature review"', negated: true, value: 'literature review', quoted: true }])
 */
export function tokenize(text: string): Result<Token[], CommandError> {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    if (isSpace(text[index])) {
      index++;
      continue;
    }
    const start = index;
    const negated = text[index] === '-' && index + 1 < text.length && !isSpace(text[index + 1]);
    if (negated) index++;
    KEY.lastIndex = index;
    const keyMatch = KEY.exec(text);
    if (keyMatch) index += keyMatch[0].length;
    const key = keyMatch ? keyMatch[0].slice(0, -1).toLowerCase() : undefined;
    let value: string;
    const quoted = isQuote(text[index]);
    if (quoted) {
      const close = findQuote(text, index + 1);
      if (close === -1)
        return err(commandError(CommandErrorId.UnclosedQuote, { fragment: text.slice(start) }));
      value = text.slice(index + 1, close);
      index = close + 1;
    } else {
      const valueStart = index;
      while (index < text.length && !isSpace(text[index]) && !isQuote(text[index])) index++;
      value = text.slice(valueStart, index);
    }
    const token: Token = { raw: text.slice(start, index), negated, value: collapseWhitespace(value), quoted };
    tokens.push(key === undefined ? token : { ...token, key });
  }
  return ok(tokens);
}

const findQuote = (text: string, from: number): number => {
  for (let index = from; index < text.length; index++) if (isQuote(text[index])) return index;
  return -1;
};
