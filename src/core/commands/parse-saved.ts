import { closestWord } from '../edit-distance.js';
import { err, ok, type Result } from '../result.js';
import { parseSince } from '../since.js';
import type { Command, SavedExport } from './command.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';
import { SEARCH_PAGES, wholeNumber } from './parse-search.js';
import type { Token } from './tokenize.js';

type SavedCommand = Extract<Command, { kind: 'saved' }>;

export const SAVED_OPTIONS = ['since', 'by', 'page', 'export'] as const;
type SavedOption = (typeof SAVED_OPTIONS)[number];
export const SAVED_EXPORTS: readonly SavedExport[] = ['bibtex', 'csv'];
const SINCE_CHECK_DATE = new Date('2026-01-01T00:00:00Z');

/**
 * A person as a platform writes a mention: Slack `<@U123>` or `<@U123|alice>`, Discord `<@123>` or `<@!123>`,
 * or the bare id. A plain `@alice` carries no id, so it is not one.
 */
const MENTION = /^<@!?([A-Z0-9]{2,30})(?:\|[^>]*)?>$|^([UW][A-Z0-9]{2,30}|\d{5,25})$/;

/** The user id in a mention, or undefined when the text is not one. */
export const mentionedUser = (text: string): string | undefined => {
  const [, quoted, bare] = MENTION.exec(text.trim()) ?? [];
  return quoted ?? bare;
};

/**
 * Reads what follows `saved`: `since:7d`, `by:@someone` (a mention), `page:2` and `export:bibtex|csv`, any of
 * them, in any order.
 *
 * @example
 * parseSaved(tokenize('since:7d by:<@U123|ada>').value); // ok({ kind: 'saved', since: '7d', by: 'U123' })
 */
export function parseSaved(tokens: readonly Token[]): Result<SavedCommand, CommandError> {
  const command: SavedCommand = { kind: 'saved' };
  const seen = new Set<SavedOption>();
  for (const token of tokens) {
    const key = token.key;
    if (key === undefined || token.negated || !(SAVED_OPTIONS as readonly string[]).includes(key)) {
      return err(
        key === undefined
          ? commandError(CommandErrorId.UnexpectedArguments, { command: 'saved', extra: token.raw })
          : commandError(CommandErrorId.UnknownOption, {
              option: token.negated ? `-${key}` : key,
              valid: SAVED_OPTIONS.map((option) => `${option}:`).join(', '),
              context: 'saved',
              suggestion: suggestion(key),
            }),
      );
    }
    const option = key as SavedOption;
    if (seen.has(option)) {
      return err(commandError(CommandErrorId.RepeatedOption, { option, context: 'saved' }));
    }
    seen.add(option);
    const read = readOption(command, option, token.value);
    if (!read.ok) return read;
  }
  return ok(command);
}

const suggestion = (key: string): string | undefined => {
  const closest = closestWord(key, SAVED_OPTIONS, 2);
  return closest === undefined ? undefined : `${closest}:`;
};

function readOption(command: SavedCommand, option: SavedOption, value: string): Result<true, CommandError> {
  switch (option) {
    case 'since':
      if (!parseSince(value, SINCE_CHECK_DATE).ok)
        return err(commandError(CommandErrorId.BadSince, { value }));
      command.since = value.toLowerCase();
      return ok(true);
    case 'by': {
      const user = mentionedUser(value);
      if (user === undefined) return err(commandError(CommandErrorId.BadMention, { value }));
      command.by = user;
      return ok(true);
    }
    case 'page': {
      const page = wholeNumber(value);
      if (page === undefined || page < SEARCH_PAGES.min || page > SEARCH_PAGES.max) {
        return err(
          commandError(CommandErrorId.PageOutOfRange, {
            value,
            min: SEARCH_PAGES.min,
            max: SEARCH_PAGES.max,
          }),
        );
      }
      command.page = page - 1;
      return ok(true);
    }
    case 'export': {
      const format = SAVED_EXPORTS.find((known) => known === value.toLowerCase());
      if (format === undefined) {
        return err(commandError(CommandErrorId.BadExport, { value, valid: SAVED_EXPORTS.join(', ') }));
      }
      command.export = format;
      return ok(true);
    }
  }
}
