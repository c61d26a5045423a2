import { closestWord } from '../edit-distance.js';
import { err, ok, type Result } from '../result.js';
import { SEARCH_LIMIT, SEARCH_SORTS, type SearchSort } from '../search.js';
import { parseSince } from '../since.js';
import type { Command } from './command.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';
import type { Token } from './tokenize.js';

type SearchCommand = Extract<Command, { kind: 'search' }>;

export const SEARCH_OPTIONS = ['topic', 'since', 'limit', 'sort', 'page'] as const;
type SearchOption = (typeof SEARCH_OPTIONS)[number];
/** Pages users can ask for, 1-based. */
export const SEARCH_PAGES = { min: 1, max: 100 } as const;
/** `since` is only validated here, so any fixed instant will do. */
const SINCE_CHECK_DATE = new Date('2026-01-01T00:00:00Z');

const isSearchOption = (key: string): key is SearchOption =>
  (SEARCH_OPTIONS as readonly string[]).includes(key);

/**
 * Reads a search: words, "quoted phrases" and -exclusions form the query, with `topic:` (whose value may be
 * quoted) adding to it, and options `since:`, `limit:`, `sort:` and `page:` (1-based here, 0-based in the command).
 *
 * @example
 * parseSearch(tokenize('topic:"diffusion transformers" limit:5 -survey').value);
 * // ok({ kind: 'search', query: 'diffusion transformers -survey', limit: 5 })
 */
export function parseSearch(tokens: readonly Token[]): Result<SearchCommand, CommandError> {
  const query: string[] = [];
  const options = new Map<SearchOption, string>();
  for (const token of tokens) {
    if (token.key === undefined) {
      if (token.value !== '') query.push(queryPart(token));
      continue;
    }
    if (token.negated || !isSearchOption(token.key)) return err(unknownOption(token));
    if (token.key === 'topic') {
      if (token.value !== '') query.push(token.value);
      continue;
    }
    if (options.has(token.key)) {
      return err(commandError(CommandErrorId.RepeatedOption, { option: token.key, context: 'search' }));
    }
    options.set(token.key, token.value);
  }
  if (!query.some((part) => !part.startsWith('-'))) return err(commandError(CommandErrorId.TopicMissing));
  const command: SearchCommand = { kind: 'search', query: query.join(' ') };
  return readOptions(command, options);
}

/** A word as typed, a phrase in straight quotes, each with its `-`. */
const queryPart = (token: Token): string => {
  const written = token.quoted && token.value.includes(' ') ? `"${token.value}"` : token.value;
  return token.negated ? `-${written}` : written;
};

const unknownOption = (token: Token): CommandError => {
  const option = token.negated ? `-${token.key}` : (token.key ?? '');
  return commandError(CommandErrorId.UnknownOption, {
    option,
    valid: SEARCH_OPTIONS.map((key) => `${key}:`).join(', '),
    context: 'search',
    suggestion: withColon(closestWord(option, SEARCH_OPTIONS, 2)),
  });
};

const withColon = (key: string | undefined): string | undefined =>
  key === undefined ? undefined : `${key}:`;

const readOptions = (
  command: SearchCommand,
  options: ReadonlyMap<SearchOption, string>,
): Result<SearchCommand, CommandError> => {
  const since = options.get('since');
  if (since !== undefined) {
    if (!parseSince(since, SINCE_CHECK_DATE).ok)
      return err(commandError(CommandErrorId.BadSince, { value: since }));
    command.since = since.toLowerCase();
  }
  const limit = options.get('limit');
  if (limit !== undefined) {
    const n = wholeNumber(limit);
    if (n === undefined || n < SEARCH_LIMIT.min || n > SEARCH_LIMIT.max) {
      return err(
        commandError(CommandErrorId.LimitOutOfRange, {
          value: limit,
          min: SEARCH_LIMIT.min,
          max: SEARCH_LIMIT.max,
        }),
      );
    }
    command.limit = n;
  }
  const sort = options.get('sort');
  if (sort !== undefined) {
    const known = SEARCH_SORTS.find((name) => name === sort.toLowerCase());
    if (known === undefined) {
      return err(commandError(CommandErrorId.BadSort, { value: sort, valid: SEARCH_SORTS.join(', ') }));
    }
    command.sort = known satisfies SearchSort;
  }
  const page = options.get('page');
  if (page !== undefined) {
    const n = wholeNumber(page);
    if (n === undefined || n < SEARCH_PAGES.min || n > SEARCH_PAGES.max) {
      return err(
        commandError(CommandErrorId.PageOutOfRange, {
          value: page,
          min: SEARCH_PAGES.min,
          max: SEARCH_PAGES.max,
        }),
      );
    }
    command.page = n - 1;
  }
  return ok(command);
};

/** A whole number written in digits (at most 6), or undefined. */
export const wholeNumber = (text: string): number | undefined =>
  /^\d{1,6}$/.test(text) ? Number(text) : undefined;
