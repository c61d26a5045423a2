import { type CommandError, CommandErrorId, commandError } from '../commands/command-error.js';
import { type Token, tokenize } from '../commands/tokenize.js';
import { err, ok, type Result } from '../result.js';
import { SUBSCRIPTION_LIMITS, type SubscriptionTerm } from './term.js';

/** An arXiv category: SOURCE_PATTERN of channel settings without `hf` (`cs.CL`, `hep-th`, `math.AG`). */
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;
const TERM_KEYS = ['author', 'category'];
/** A word that, unquoted, would read as an exclusion or a `key:` (`"-1"`, `"re:invent"`). */
const LOOKS_LIKE_SYNTAX = /^-|^[A-Za-z][A-Za-z0-9_-]*:/;

/**
 * Reads the terms of `subscribe` or `unsubscribe`:
 * `lora "vision language" -survey -"literature review" author:"Ilse Marrow" category:cs.CL`.
 * Quotes may be straight or curly; a quoted single word is a word. Words are lowercased; phrases and authors keep
 * their case; a word that looks like syntax keeps its quotes (`"re:invent"`). Duplicates (same `text`, ignoring
 * case) are dropped. Each term's value has 2 to 100 characters (code points). Empty text gives no terms: the caller
 * decides whether that is an error. The per-channel limit on the number of terms is not checked here.
 *
 * @example
 * parseTerms('LoRA author:"Ilse Marrow"');
 * // ok([{ kind: 'word', value: 'lora', text: 'lora' },
 * //     { kind: 'author', value: 'Ilse Marrow', text: 'author:"Ilse Marrow"' }])
 */
export function parseTerms(text: string): Result<SubscriptionTerm[], CommandError> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const terms = new Map<string, SubscriptionTerm>();
  for (const token of tokens.value) {
    const term = readTerm(token);
    if (!term.ok) return term;
    const seen = term.value.text.toLowerCase();
    if (!terms.has(seen)) terms.set(seen, term.value);
  }
  return ok([...terms.values()]);
}

const readTerm = (token: Token): Result<SubscriptionTerm, CommandError> => {
  if (token.key === undefined) return checkLength(token, wordOrPhrase(token));
  if (!TERM_KEYS.includes(token.key)) {
    return err(
      commandError(CommandErrorId.UnknownOption, {
        option: token.negated ? `-${token.key}` : token.key,
        valid: TERM_KEYS.map((key) => `${key}:`).join(', '),
        context: 'subscribe',
      }),
    );
  }
  if (token.negated) return err(commandError(CommandErrorId.BadExclusion, { term: token.raw }));
  if (token.key === 'author') {
    return checkLength(token, { kind: 'author', value: token.value, text: `author:"${token.value}"` });
  }
  if (!CATEGORY.test(token.value) || token.value === 'hf') {
    return err(commandError(CommandErrorId.BadCategory, { value: token.value }));
  }
  return checkLength(token, { kind: 'category', value: token.value, text: `category:${token.value}` });
};

/** A word, a phrase, or (with `-`) an exclusion; a phrase of one word is a word. */
const wordOrPhrase = (token: Token): SubscriptionTerm => {
  const isPhrase = token.value.includes(' ');
  const value = isPhrase ? token.value : token.value.toLowerCase();
  const written = isPhrase || LOOKS_LIKE_SYNTAX.test(value) ? `"${value}"` : value;
  return token.negated
    ? { kind: 'exclude', value, text: `-${written}` }
    : { kind: isPhrase ? 'phrase' : 'word', value, text: written };
};

const checkLength = (token: Token, term: SubscriptionTerm): Result<SubscriptionTerm, CommandError> => {
  const length = Array.from(term.value).length;
  if (length < SUBSCRIPTION_LIMITS.minLength) {
    return err(
      commandError(CommandErrorId.TermTooShort, { term: token.raw, min: SUBSCRIPTION_LIMITS.minLength }),
    );
  }
  if (length > SUBSCRIPTION_LIMITS.maxLength) {
    return err(
      commandError(CommandErrorId.TermTooLong, {
        term: token.raw,
        length,
        max: SUBSCRIPTION_LIMITS.maxLength,
      }),
    );
  }
  return ok(term);
};
