/** Why a command could not be read. Each id is rendered by `describeCommandError` (or by a platform). */
export const CommandErrorId = {
  /** `detail`: `command` (the typed word), `suggestion` (the command it resembles). */
  UnknownCommand: 'unknownCommand',
  /** `detail`: `command`, `extra` (what followed a command that takes nothing more). */
  UnexpectedArguments: 'unexpectedArguments',
  /** A search without words. */
  TopicMissing: 'topicMissing',
  /** `detail`: `value`, `min`, `max`. */
  LimitOutOfRange: 'limitOutOfRange',
  /** `detail`: `value`, `min`, `max`. */
  PageOutOfRange: 'pageOutOfRange',
  /** `detail`: `value`. */
  BadSince: 'badSince',
  /** `detail`: `value`, `valid`. */
  BadSort: 'badSort',
  /** `detail`: `option`, `valid`, `context` (`search` or `subscribe`), optional `suggestion`. */
  UnknownOption: 'unknownOption',
  /** `detail`: `option`, `context` (`search` or `config`). */
  RepeatedOption: 'repeatedOption',
  /** `detail`: `value` (empty when nothing followed `paper`). */
  BadPaperId: 'badPaperId',
  /** `detail`: `command` (`subscribe` or `unsubscribe`). */
  TermsMissing: 'termsMissing',
  /** `detail`: `term`, `min`. */
  TermTooShort: 'termTooShort',
  /** `detail`: `term`, `length`, `max`. */
  TermTooLong: 'termTooLong',
  /** `detail`: `term` (a `-` before `author:` or `category:`). */
  BadExclusion: 'badExclusion',
  /** `detail`: `fragment` (the text from the opening quote). */
  UnclosedQuote: 'unclosedQuote',
  /** `detail`: `value`. */
  BadCategory: 'badCategory',
  /** `detail`: `value` (empty when `schedule` had nothing after it). */
  BadTime: 'badTime',
  /** `detail`: `timezone`, optional `suggestion`. */
  UnknownTimezone: 'unknownTimezone',
  /** `detail`: `value`. */
  BadDays: 'badDays',
  /** `detail`: `expression`, and either `fields` (how many there were) or `reason` (the scheduler's cron grammar). */
  BadCron: 'badCron',
  /** A `config` without settings. */
  ConfigMissing: 'configMissing',
  /** `detail`: `key`, `valid`, optional `suggestion`. */
  BadConfigKey: 'badConfigKey',
  /** `detail`: `key`, `value`. */
  BadConfigValue: 'badConfigValue',
} as const;
export type CommandErrorId = (typeof CommandErrorId)[keyof typeof CommandErrorId];

/**
 * A user's mistake in a command, as data: the platform turns it into a friendly reply.
 *
 * @example
 * const error: CommandError = { id: CommandErrorId.LimitOutOfRange, detail: { value: '500', min: 1, max: 25 } };
 */
export interface CommandError {
  id: CommandErrorId;
  detail: Record<string, string | number>;
}

/** Builds a `CommandError`; `detail` entries that are undefined are left out. */
export const commandError = (
  id: CommandErrorId,
  detail: Record<string, string | number | undefined> = {},
): CommandError => ({
  id,
  detail: Object.fromEntries(
    Object.entries(detail).filter((entry): entry is [string, string | number] => entry[1] !== undefined),
  ),
});

/** A reply to a `CommandError`: what was wrong, and a command that would work. */
export interface CommandErrorDescription {
  /** One short sentence, quoting the user's bad value. */
  message: string;
  /** A correct command, written `/papers ...`. */
  example: string;
}

const SEARCH_EXAMPLE = '/papers topic:lora since:7d';
const SUBSCRIBE_EXAMPLE = '/papers subscribe lora "vision language" -survey';
const SCHEDULE_EXAMPLE = '/papers schedule 09:30 Europe/Berlin weekdays';
const CRON_EXAMPLE = '/papers schedule cron "30 9 * * 1-5" Europe/Berlin';

/** A working example for each command keyword a user may have meant. */
const COMMAND_EXAMPLES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    today: SEARCH_EXAMPLE,
    week: SEARCH_EXAMPLE,
    paper: '/papers paper 2606.93392',
    subscribe: SUBSCRIBE_EXAMPLE,
    unsubscribe: '/papers unsubscribe lora',
    subscriptions: '/papers subscriptions',
    schedule: SCHEDULE_EXAMPLE,
    config: '/papers config top:7',
    settings: '/papers settings',
    digest: '/papers digest',
  }),
);

/** An example per `config` key, showing an allowed value. */
const CONFIG_VALUES: ReadonlyMap<string, { allowed: string; example: string }> = new Map(
  Object.entries({
    top: { allowed: 'a whole number from 1 to 20', example: '/papers config top:7' },
    'min-upvotes': { allowed: 'a whole number from 0 to 100000', example: '/papers config min-upvotes:10' },
    sources: {
      allowed: 'hf or arXiv categories such as cs.LG, separated by commas',
      example: '/papers config sources:hf,cs.LG',
    },
    threads: { allowed: 'on or off', example: '/papers config threads:off' },
    alerts: { allowed: 'digest or instant', example: '/papers config alerts:instant' },
    empty: { allowed: 'on or off', example: '/papers config empty:off' },
  }),
);

const MAX_QUOTED = 40;

/** The value as text, shortened with `…` when long. */
const shortened = (value: string | number | undefined): string => {
  const characters = Array.from(String(value ?? ''));
  return characters.length > MAX_QUOTED
    ? `${characters.slice(0, MAX_QUOTED - 1).join('')}…`
    : characters.join('');
};

/** `"value"`, shortened when long. */
const quoted = (value: string | number | undefined): string => `"${shortened(value)}"`;

/** A term as typed: in quotes, unless it has its own. */
const termShown = (term: string | number | undefined): string =>
  String(term).includes('"') ? shortened(term) : quoted(term);

/** A number as is, anything else in quotes. */
const shown = (value: string | number | undefined): string =>
  typeof value === 'number' || /^\d{1,9}$/.test(String(value)) ? String(value) : quoted(value);

const didYouMean = (suggestion: string | number | undefined): string =>
  suggestion === undefined ? '' : ` Did you mean ${suggestion}?`;

/**
 * Turns a `CommandError` into a reply: one sentence on what was wrong and one command that works.
 *
 * @example
 * describeCommandError({ id: 'limitOutOfRange', detail: { value: '500', min: 1, max: 25 } });
 * // { message: 'limit must be between 1 and 25 (got 500).', example: '/papers topic:lora limit:10' }
 */
export function describeCommandError(error: CommandError): CommandErrorDescription {
  const d = error.detail;
  switch (error.id) {
    case CommandErrorId.UnknownCommand:
      return {
        message: `Unknown command ${quoted(d.command)}.${didYouMean(d.suggestion)}`,
        example: COMMAND_EXAMPLES.get(String(d.suggestion)) ?? '/papers help',
      };
    case CommandErrorId.UnexpectedArguments: {
      const search =
        d.command === 'today' || d.command === 'week' ? '; to search, use topic: and since:' : '';
      return {
        message: `Unexpected ${quoted(d.extra)} after ${d.command}${search}.`,
        example: COMMAND_EXAMPLES.get(String(d.command).split(' ')[0] ?? '') ?? '/papers help',
      };
    }
    case CommandErrorId.TopicMissing:
      return { message: 'Say what to search for: some words or topic:<words>.', example: SEARCH_EXAMPLE };
    case CommandErrorId.LimitOutOfRange:
      return {
        message: `limit must be between ${d.min} and ${d.max} (got ${shown(d.value)}).`,
        example: '/papers topic:lora limit:10',
      };
    case CommandErrorId.PageOutOfRange:
      return {
        message: `page must be between ${d.min} and ${d.max} (got ${shown(d.value)}).`,
        example: '/papers topic:lora page:2',
      };
    case CommandErrorId.BadSince:
      return {
        message: `since must be a span such as 7d, 2w, 3m or 1y, or a date such as 2026-06-01 (got ${quoted(d.value)}).`,
        example: SEARCH_EXAMPLE,
      };
    case CommandErrorId.BadSort:
      return {
        message: `sort must be one of ${d.valid} (got ${quoted(d.value)}).`,
        example: '/papers topic:lora sort:upvotes',
      };
    case CommandErrorId.UnknownOption:
      return {
        message: `Unknown option ${quoted(`${d.option}:`)}; use ${d.valid}.${didYouMean(d.suggestion)}`,
        example:
          d.context === 'search'
            ? '/papers topic:"diffusion transformers" since:7d limit:5 sort:upvotes'
            : '/papers subscribe lora author:"Ilse Marrow" category:cs.CL',
      };
    case CommandErrorId.RepeatedOption:
      return {
        message: `${d.option}: is given more than once; give it once.`,
        example: d.context === 'config' ? '/papers config top:7 threads:off' : '/papers topic:lora limit:10',
      };
    case CommandErrorId.BadPaperId:
      return {
        message:
          d.value === ''
            ? 'paper needs an arXiv id or a link to the paper.'
            : `${quoted(d.value)} is not an arXiv id or a link to an arXiv or Hugging Face paper.`,
        example: '/papers paper 2606.93392',
      };
    case CommandErrorId.TermsMissing:
      return {
        message: `${d.command} needs at least one term: a word, a "phrase", author: or category:.`,
        example: d.command === 'unsubscribe' ? '/papers unsubscribe lora' : SUBSCRIBE_EXAMPLE,
      };
    case CommandErrorId.TermTooShort:
      return {
        message: `The term ${termShown(d.term)} is too short; a term needs at least ${d.min} characters.`,
        example: SUBSCRIBE_EXAMPLE,
      };
    case CommandErrorId.TermTooLong:
      return {
        message: `The term ${termShown(d.term)} is too long: ${d.length} characters, at most ${d.max}.`,
        example: SUBSCRIBE_EXAMPLE,
      };
    case CommandErrorId.BadExclusion:
      return {
        message: `Only words and "phrases" can be excluded with - (got ${termShown(d.term)}).`,
        example: '/papers subscribe lora -survey -"literature review"',
      };
    case CommandErrorId.UnclosedQuote:
      return {
        message: `A quote is never closed: ${shortened(d.fragment)}`,
        example: '/papers topic:"vision language"',
      };
    case CommandErrorId.BadCategory:
      return {
        message: `${quoted(d.value)} is not an arXiv category such as cs.CL or hep-th.`,
        example: '/papers subscribe category:cs.CL',
      };
    case CommandErrorId.BadTime:
      return {
        message:
          d.value === ''
            ? 'schedule needs a time such as 09:30, or off.'
            : `${quoted(d.value)} is not a time of day; use HH:MM from 00:00 to 23:59.`,
        example: SCHEDULE_EXAMPLE,
      };
    case CommandErrorId.UnknownTimezone:
      return {
        message: `Unknown timezone ${quoted(d.timezone)}.${didYouMean(d.suggestion)}`,
        example: `/papers schedule 09:30 ${d.suggestion ?? 'Europe/Berlin'} weekdays`,
      };
    case CommandErrorId.BadDays:
      return {
        message: `Days must be daily or weekdays (got ${quoted(d.value)}); for other days, use cron.`,
        example: '/papers schedule cron "30 9 * * SAT,SUN" Europe/Berlin',
      };
    case CommandErrorId.BadCron:
      return { message: describeBadCron(d), example: CRON_EXAMPLE };
    case CommandErrorId.ConfigMissing:
      return {
        message: 'config needs at least one setting, such as top:7.',
        example: '/papers config top:7 threads:off',
      };
    case CommandErrorId.BadConfigKey:
      return {
        message: `Unknown setting ${quoted(d.key)}; settings are ${d.valid}.${didYouMean(d.suggestion)}`,
        example: CONFIG_VALUES.get(String(d.suggestion))?.example ?? '/papers config top:7',
      };
    case CommandErrorId.BadConfigValue: {
      const value = CONFIG_VALUES.get(String(d.key));
      return {
        message: `${d.key} must be ${value?.allowed ?? 'a valid value'} (got ${shown(d.value)}).`,
        example: value?.example ?? '/papers config top:7',
      };
    }
  }
}

const describeBadCron = (d: CommandError['detail']): string => {
  if (d.expression === '') return 'schedule cron needs an expression in quotes.';
  if (d.fields !== undefined) {
    return `A cron expression has 5 fields (minute hour day month weekday), not ${d.fields}: ${quoted(d.expression)}.`;
  }
  return `${String(d.reason ?? 'Invalid cron expression.').replaceAll('`', '"')} (in ${quoted(d.expression)})`;
};
