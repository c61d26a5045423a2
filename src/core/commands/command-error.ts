import type { CronProblem } from '../schedule/cron.js';
import type { ScheduleProblem } from '../schedule/schedule-plan.js';
import { describeCronProblem } from '../schedule/schedule-problems.js';

/** Why a command could not be read. Each id is rendered by `describeCommandError` (or by a platform). */
export const CommandErrorId = {
  UnknownCommand: 'unknownCommand',
  UnexpectedArguments: 'unexpectedArguments',
  TopicMissing: 'topicMissing',
  LimitOutOfRange: 'limitOutOfRange',
  PageOutOfRange: 'pageOutOfRange',
  BadSince: 'badSince',
  BadSort: 'badSort',
  UnknownOption: 'unknownOption',
  RepeatedOption: 'repeatedOption',
  BadPaperId: 'badPaperId',
  TermsMissing: 'termsMissing',
  TermTooShort: 'termTooShort',
  TermTooLong: 'termTooLong',
  BadExclusion: 'badExclusion',
  UnclosedQuote: 'unclosedQuote',
  BadCategory: 'badCategory',
  BadTime: 'badTime',
  UnknownTimezone: 'unknownTimezone',
  BadDays: 'badDays',
  BadCron: 'badCron',
  ConfigMissing: 'configMissing',
  BadConfigKey: 'badConfigKey',
  BadConfigValue: 'badConfigValue',
  BadMention: 'badMention',
  BadExport: 'badExport',
  BadWeekday: 'badWeekday',
  QuestionMissing: 'questionMissing',
} as const;
export type CommandErrorId = (typeof CommandErrorId)[keyof typeof CommandErrorId];

type Nothing = Record<string, never>;

/** What each error carries: the compiler checks every producer and every message against it. */
export interface CommandErrorDetails {
  /** `command` as typed; `suggestion`, the command it resembles. */
  unknownCommand: { command: string; suggestion?: string };
  /** `extra`: what followed a command that takes nothing more. */
  unexpectedArguments: { command: string; extra: string };
  /** A search without words. */
  topicMissing: Nothing;
  limitOutOfRange: { value: string; min: number; max: number };
  pageOutOfRange: { value: string; min: number; max: number };
  badSince: { value: string };
  badSort: { value: string; valid: string };
  unknownOption: {
    option: string;
    valid: string;
    context: 'search' | 'subscribe' | 'saved';
    suggestion?: string;
  };
  repeatedOption: { option: string; context: 'search' | 'config' | 'saved' };
  /** `value` is empty when nothing followed `paper`. */
  badPaperId: { value: string; command?: 'paper' | 'unsave' | 'why' };
  termsMissing: { command: string };
  /** `ask` without a question. */
  questionMissing: Nothing;
  termTooShort: { term: string; min: number };
  termTooLong: { term: string; length: number; max: number };
  /** A `-` before `author:` or `category:`. */
  badExclusion: { term: string };
  /** `fragment`: the text from the opening quote. */
  unclosedQuote: { fragment: string };
  badCategory: { value: string };
  /** `value` is empty when `schedule` had nothing after it. */
  badTime: { value: string };
  unknownTimezone: { timezone: string; suggestion?: string };
  badDays: { value: string };
  /** `expression` is empty when `schedule cron` had none; `problem` says what is wrong with it otherwise. */
  badCron: { expression: string; problem?: CronProblem };
  /** A `config` without settings. */
  configMissing: Nothing;
  badConfigKey: { key: string; valid: string; suggestion?: string };
  badConfigValue: { key: string; value: string };
  /** `by:` needs a mention (the platform gives paperboy the person's id), not a plain name. */
  badMention: { value: string };
  badExport: { value: string; valid: string };
  /** The recap's day; `value` is empty when none was given. */
  badWeekday: { value: string };
}

/**
 * A user's mistake in a command, as data: the platform turns it into a friendly reply.
 *
 * @example
 * const error: CommandError = { id: CommandErrorId.LimitOutOfRange, detail: { value: '500', min: 1, max: 25 } };
 */
export type CommandError = {
  [Id in CommandErrorId]: { id: Id; detail: CommandErrorDetails[Id] };
}[CommandErrorId];

/** The details argument: optional for errors that carry nothing. */
type DetailArgument<Id extends CommandErrorId> = CommandErrorDetails[Id] extends Nothing
  ? [detail?: Nothing]
  : [detail: CommandErrorDetails[Id]];

/** Builds a `CommandError`; optional fields that are undefined are left out. */
export function commandError<Id extends CommandErrorId>(
  id: Id,
  ...[detail]: DetailArgument<Id>
): Extract<CommandError, { id: Id }> {
  const present = Object.entries(detail ?? {}).filter((entry) => entry[1] !== undefined);
  return { id, detail: Object.fromEntries(present) } as Extract<CommandError, { id: Id }>;
}

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
const SAVED_EXAMPLE = '/papers saved since:7d';
const RECAP_EXAMPLE = '/papers schedule recap fri 16:00 Europe/Berlin';

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
    saved: SAVED_EXAMPLE,
    unsave: '/papers unsave 2606.93392',
  }),
);

const ASK_EXAMPLE = '/papers ask 2606.00467 What dataset do they train on?';

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
    learn: { allowed: 'on or off', example: '/papers config learn:off' },
    shared: { allowed: 'show or hide', example: '/papers config shared:hide' },
    language: {
      allowed: 'a language tag such as en, de, fr, ja or pt-BR',
      example: '/papers config language:de',
    },
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
  switch (error.id) {
    case CommandErrorId.UnknownCommand:
      return {
        message: `Unknown command ${quoted(error.detail.command)}.${didYouMean(error.detail.suggestion)}`,
        example: COMMAND_EXAMPLES.get(String(error.detail.suggestion)) ?? '/papers help',
      };
    case CommandErrorId.UnexpectedArguments: {
      const search =
        error.detail.command === 'today' || error.detail.command === 'week'
          ? '; to search, use topic: and since:'
          : '';
      return {
        message: `Unexpected ${quoted(error.detail.extra)} after ${error.detail.command}${search}.`,
        example: COMMAND_EXAMPLES.get(String(error.detail.command).split(' ')[0] ?? '') ?? '/papers help',
      };
    }
    case CommandErrorId.TopicMissing:
      return { message: 'Say what to search for: some words or topic:<words>.', example: SEARCH_EXAMPLE };
    case CommandErrorId.LimitOutOfRange:
      return {
        message: `limit must be between ${error.detail.min} and ${error.detail.max} (got ${shown(error.detail.value)}).`,
        example: '/papers topic:lora limit:10',
      };
    case CommandErrorId.PageOutOfRange:
      return {
        message: `page must be between ${error.detail.min} and ${error.detail.max} (got ${shown(error.detail.value)}).`,
        example: '/papers topic:lora page:2',
      };
    case CommandErrorId.BadSince:
      return {
        message: `since must be a span such as 7d, 2w, 3m or 1y, or a date such as 2026-06-01 (got ${quoted(error.detail.value)}).`,
        example: SEARCH_EXAMPLE,
      };
    case CommandErrorId.BadSort:
      return {
        message: `sort must be one of ${error.detail.valid} (got ${quoted(error.detail.value)}).`,
        example: '/papers topic:lora sort:upvotes',
      };
    case CommandErrorId.UnknownOption:
      return {
        message: `Unknown option ${quoted(`${error.detail.option}:`)}; use ${error.detail.valid}.${didYouMean(error.detail.suggestion)}`,
        example:
          error.detail.context === 'search'
            ? '/papers topic:"diffusion transformers" since:7d limit:5 sort:upvotes'
            : error.detail.context === 'saved'
              ? SAVED_EXAMPLE
              : '/papers subscribe lora author:"Ilse Marrow" category:cs.CL',
      };
    case CommandErrorId.RepeatedOption:
      return {
        message: `${error.detail.option}: is given more than once; give it once.`,
        example:
          error.detail.context === 'config'
            ? '/papers config top:7 threads:off'
            : '/papers topic:lora limit:10',
      };
    case CommandErrorId.BadPaperId: {
      const command = error.detail.command ?? 'paper';
      return {
        message:
          error.detail.value === ''
            ? `${command} needs an arXiv id or a link to the paper.`
            : `${quoted(error.detail.value)} is not an arXiv id or a link to an arXiv or Hugging Face paper.`,
        example: `/papers ${command} 2606.93392`,
      };
    }
    case CommandErrorId.QuestionMissing:
      return {
        message:
          'ask needs a question about a paper: name the paper (an arXiv id or link), or mention @paperboy in the thread of a paper it posted.',
        example: ASK_EXAMPLE,
      };
    case CommandErrorId.TermsMissing:
      return {
        message: `${error.detail.command} needs at least one term: a word, a "phrase", author: or category:.`,
        example: error.detail.command === 'unsubscribe' ? '/papers unsubscribe lora' : SUBSCRIBE_EXAMPLE,
      };
    case CommandErrorId.TermTooShort:
      return {
        message: `The term ${termShown(error.detail.term)} is too short; a term needs at least ${error.detail.min} characters.`,
        example: SUBSCRIBE_EXAMPLE,
      };
    case CommandErrorId.TermTooLong:
      return {
        message: `The term ${termShown(error.detail.term)} is too long: ${error.detail.length} characters, at most ${error.detail.max}.`,
        example: SUBSCRIBE_EXAMPLE,
      };
    case CommandErrorId.BadExclusion:
      return {
        message: `Only words and "phrases" can be excluded with - (got ${termShown(error.detail.term)}).`,
        example: '/papers subscribe lora -survey -"literature review"',
      };
    case CommandErrorId.UnclosedQuote:
      return {
        message: `A quote is never closed: ${shortened(error.detail.fragment)}`,
        example: '/papers topic:"vision language"',
      };
    case CommandErrorId.BadCategory:
      return {
        message: `${quoted(error.detail.value)} is not an arXiv category such as cs.CL or hep-th.`,
        example: '/papers subscribe category:cs.CL',
      };
    case CommandErrorId.BadTime:
      return {
        message:
          error.detail.value === ''
            ? 'schedule needs a time such as 09:30, or off.'
            : `${quoted(error.detail.value)} is not a time of day; use HH:MM from 00:00 to 23:59.`,
        example: SCHEDULE_EXAMPLE,
      };
    case CommandErrorId.UnknownTimezone:
      return {
        message: `Unknown timezone ${quoted(error.detail.timezone)}.${didYouMean(error.detail.suggestion)}`,
        example: `/papers schedule 09:30 ${error.detail.suggestion ?? 'Europe/Berlin'} weekdays`,
      };
    case CommandErrorId.BadDays:
      return {
        message: `Days must be daily or weekdays (got ${quoted(error.detail.value)}); for other days, use cron.`,
        example: '/papers schedule cron "30 9 * * SAT,SUN" Europe/Berlin',
      };
    case CommandErrorId.BadCron:
      return { message: describeBadCron(error.detail), example: CRON_EXAMPLE };
    case CommandErrorId.ConfigMissing:
      return {
        message: 'config needs at least one setting, such as top:7.',
        example: '/papers config top:7 threads:off',
      };
    case CommandErrorId.BadConfigKey:
      return {
        message: `Unknown setting ${quoted(error.detail.key)}; settings are ${error.detail.valid}.${didYouMean(error.detail.suggestion)}`,
        example: CONFIG_VALUES.get(String(error.detail.suggestion))?.example ?? '/papers config top:7',
      };
    case CommandErrorId.BadConfigValue: {
      const value = CONFIG_VALUES.get(String(error.detail.key));
      return {
        message: `${error.detail.key} must be ${value?.allowed ?? 'a valid value'} (got ${shown(error.detail.value)}).`,
        example: value?.example ?? '/papers config top:7',
      };
    }
    case CommandErrorId.BadMention:
      return {
        message: `by: needs a mention of a person, such as @ada picked from the list (got ${quoted(error.detail.value)}).`,
        example: SAVED_EXAMPLE,
      };
    case CommandErrorId.BadWeekday:
      return {
        message:
          error.detail.value === ''
            ? 'schedule recap needs a day and a time, such as fri 16:00, or off.'
            : `${quoted(error.detail.value)} is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.`,
        example: RECAP_EXAMPLE,
      };
    case CommandErrorId.BadExport:
      return {
        message: `export must be one of ${error.detail.valid} (got ${quoted(error.detail.value)}).`,
        example: '/papers saved export:bibtex',
      };
  }
}

const describeBadCron = (d: CommandErrorDetails['badCron']): string => {
  if (d.problem === undefined) return 'schedule cron needs an expression in quotes.';
  if (d.problem.kind === 'fieldCount') {
    return `A cron expression has 5 fields (minute hour day month weekday), not ${d.problem.count}: ${quoted(d.expression)}.`;
  }
  return `${describeCronProblem(d.problem).replaceAll('`', '"')} (in ${quoted(d.expression)})`;
};

/**
 * A stored schedule that cannot be evaluated, as the command error for it.
 *
 * @example
 * scheduleError({ kind: 'badTime', time: '25:00' }); // { id: 'badTime', detail: { value: '25:00' } }
 */
export function scheduleError(problem: ScheduleProblem): CommandError {
  switch (problem.kind) {
    case 'unknownTimezone':
      return commandError(CommandErrorId.UnknownTimezone, { timezone: problem.timezone });
    case 'badTime':
      return commandError(CommandErrorId.BadTime, { value: problem.time });
    case 'badCron':
      return commandError(CommandErrorId.BadCron, {
        expression: problem.expression,
        problem: problem.problem,
      });
  }
}
