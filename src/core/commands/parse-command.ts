import { closestWord } from '../edit-distance.js';
import { err, ok, type Result } from '../result.js';
import { parseTerms } from '../subscriptions/parse-terms.js';
import type { Command } from './command.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';
import { parseConfig } from './parse-config.js';
import { parsePaperId } from './parse-paper-id.js';
import { parseSaved } from './parse-saved.js';
import { parseSchedule } from './parse-schedule.js';
import { parseSearch } from './parse-search.js';
import { tokenize } from './tokenize.js';

type Keyword =
  | 'today'
  | 'week'
  | 'help'
  | 'paper'
  | 'subscribe'
  | 'unsubscribe'
  | 'subscriptions'
  | 'schedule'
  | 'config'
  | 'settings'
  | 'digest'
  | 'saved'
  | 'unsave'
  | 'preview'
  | 'why'
  | 'ask';

/** The first words that make a command, aliases included; any other first word starts a search. */
const KEYWORDS: ReadonlyMap<string, Keyword> = new Map([
  ['today', 'today'],
  ['week', 'week'],
  ['help', 'help'],
  ['?', 'help'],
  ['--help', 'help'],
  ['paper', 'paper'],
  ['subscribe', 'subscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['subscriptions', 'subscriptions'],
  ['subs', 'subscriptions'],
  ['list', 'subscriptions'],
  ['schedule', 'schedule'],
  ['config', 'config'],
  ['settings', 'settings'],
  ['digest', 'digest'],
  ['saved', 'saved'],
  ['unsave', 'unsave'],
  ['preview', 'preview'],
  ['why', 'why'],
  ['why-not', 'why'],
  ['ask', 'ask'],
]);

/**
 * Commands a mistyped first word (5 to 15 letters) is compared with; shorter commands or words would catch
 * ordinary search words.
 */
const MISTYPABLE: readonly Keyword[] = [
  'subscribe',
  'unsubscribe',
  'schedule',
  'config',
  'settings',
  'subscriptions',
  'preview',
];
/** A link on its own can only mean a paper. */
const LINK = /^<?https?:\/\//i;
const MAX_MISTYPED_DISTANCE = 2;

/**
 * `reading` or `reading list`, then only options (`reading since:30d`), means `saved`; any other words after
 * `reading` are a search (`reading comprehension`).
 */
const READING_LIST = /^reading(?:\s+list)?((?:\s+\S+:\S*)*)\s*$/i;

/**
 * Reads what a user typed after `/papers` (a leading `/papers` is dropped too) into a `Command`, or says what is
 * wrong with it. Keywords are case-insensitive and count only as the first word; anything that is not a command
 * is a search (`/papers lora today` searches for both words). Never throws.
 *
 * @example
 * parseCommand('topic:lora since:7d limit:5'); // ok({ kind: 'search', query: 'lora', since: '7d', limit: 5 })
 * parseCommand('schedule 9:30 europe/berlin'); // ok({ kind: 'schedule', time: '09:30', timezone: 'Europe/Berlin', days: { kind: 'weekdays' } })
 * parseCommand('limit:500 lora');              // err({ id: 'limitOutOfRange', detail: { value: '500', min: 1, max: 25 } })
 */
export function parseCommand(text: string): Result<Command, CommandError> {
  const line = text
    .trim()
    .replace(/^\/papers(?=\s|$)/i, '')
    .trim();
  const [, first = '', rest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(line) ?? [];
  const keyword = KEYWORDS.get(first.toLowerCase());
  if (keyword !== undefined) return parseKeyword(keyword, rest);
  const readingList = READING_LIST.exec(line);
  if (readingList) return parseKeyword('saved', readingList[1] ?? '');
  if (line === '') return ok({ kind: 'today' });
  if (!/\s/.test(line)) {
    const paperId = parsePaperId(line);
    if (paperId !== undefined) return ok({ kind: 'paper', id: paperId });
    if (LINK.test(line)) return err(commandError(CommandErrorId.BadPaperId, { value: line }));
  }
  const mistyped = /^[a-z]{5,15}$/i.test(first);
  const suggestion = mistyped ? closestWord(first, MISTYPABLE, MAX_MISTYPED_DISTANCE) : undefined;
  if (suggestion !== undefined) {
    return err(commandError(CommandErrorId.UnknownCommand, { command: first, suggestion }));
  }
  const tokens = tokenize(line);
  return tokens.ok ? parseSearch(tokens.value) : tokens;
}

const parseKeyword = (keyword: Keyword, rest: string): Result<Command, CommandError> => {
  switch (keyword) {
    case 'help':
      return ok({ kind: 'help' });
    case 'paper': {
      const id = parsePaperId(rest);
      return id === undefined
        ? err(commandError(CommandErrorId.BadPaperId, { value: rest }))
        : ok({ kind: 'paper', id });
    }
    case 'subscribe':
    case 'unsubscribe': {
      const terms = parseTerms(rest);
      if (!terms.ok) return terms;
      if (terms.value.length === 0)
        return err(commandError(CommandErrorId.TermsMissing, { command: keyword }));
      return ok({ kind: keyword, terms: terms.value });
    }
    case 'schedule':
    case 'config': {
      const tokens = tokenize(rest);
      if (!tokens.ok) return tokens;
      return keyword === 'schedule' ? parseSchedule(tokens.value) : parseConfig(tokens.value);
    }
    case 'saved': {
      const tokens = tokenize(rest);
      return tokens.ok ? parseSaved(tokens.value) : tokens;
    }
    case 'unsave':
    case 'why': {
      const id = parsePaperId(rest);
      return id === undefined
        ? err(commandError(CommandErrorId.BadPaperId, { value: rest, command: keyword }))
        : ok({ kind: keyword, id });
    }
    case 'ask':
      return rest === ''
        ? err(commandError(CommandErrorId.QuestionMissing))
        : ok({ kind: 'ask', question: rest });
    case 'digest':
      return rest === '' || rest.toLowerCase() === 'now' ? ok({ kind: 'digest' }) : unexpected(keyword, rest);
    default:
      return rest === '' ? ok({ kind: keyword }) : unexpected(keyword, rest);
  }
};

const unexpected = (command: string, extra: string): Result<never, CommandError> =>
  err(commandError(CommandErrorId.UnexpectedArguments, { command, extra: extra.replace(/\s+/g, ' ') }));
