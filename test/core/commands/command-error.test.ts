import { describe, expect, it } from 'vitest';
import {
  type CommandError,
  CommandErrorId,
  commandError,
  describeCommandError,
  scheduleError,
} from '../../../src/core/commands/command-error.js';
import { parseCommand } from '../../../src/core/commands/parse-command.js';

/** For each id, a command that produces it and the reply it gets. */
const RENDERINGS: Record<CommandErrorId, { command: string; message: string; example: string }> = {
  unknownCommand: {
    command: 'subscrbe lora',
    message: 'Unknown command "subscrbe". Did you mean subscribe?',
    example: '/papers subscribe lora "vision language" -survey',
  },
  unexpectedArguments: {
    command: 'week lora',
    message: 'Unexpected "lora" after week; to search, use topic: and since:.',
    example: '/papers topic:lora since:7d',
  },
  topicMissing: {
    command: 'since:7d',
    message: 'Say what to search for: some words or topic:<words>.',
    example: '/papers topic:lora since:7d',
  },
  limitOutOfRange: {
    command: 'limit:500 lora',
    message: 'limit must be between 1 and 25 (got 500).',
    example: '/papers topic:lora limit:10',
  },
  pageOutOfRange: {
    command: 'lora page:0',
    message: 'page must be between 1 and 100 (got 0).',
    example: '/papers topic:lora page:2',
  },
  badSince: {
    command: 'lora since:yesterday',
    message: 'since must be a span such as 7d, 2w, 3m or 1y, or a date such as 2026-06-01 (got "yesterday").',
    example: '/papers topic:lora since:7d',
  },
  badSort: {
    command: 'lora sort:hot',
    message: 'sort must be one of relevance, upvotes, date (got "hot").',
    example: '/papers topic:lora sort:upvotes',
  },
  unknownOption: {
    command: 'lora limt:5',
    message: 'Unknown option "limt:"; use topic:, since:, limit:, sort:, page:. Did you mean limit:?',
    example: '/papers topic:"diffusion transformers" since:7d limit:5 sort:upvotes',
  },
  repeatedOption: {
    command: 'config top:5 top:6',
    message: 'top: is given more than once; give it once.',
    example: '/papers config top:7 threads:off',
  },
  badPaperId: {
    command: 'paper 2606.4',
    message: '"2606.4" is not an arXiv id or a link to an arXiv or Hugging Face paper.',
    example: '/papers paper 2606.93392',
  },
  termsMissing: {
    command: 'unsubscribe',
    message: 'unsubscribe needs at least one term: a word, a "phrase", author: or category:.',
    example: '/papers unsubscribe lora',
  },
  termTooShort: {
    command: 'subscribe lora x',
    message: 'The term "x" is too short; a term needs at least 2 characters.',
    example: '/papers subscribe lora "vision language" -survey',
  },
  termTooLong: {
    command: `subscribe "${'very '.repeat(30)}long"`,
    message: 'The term "very very very very very very very ver… is too long: 154 characters, at most 100.',
    example: '/papers subscribe lora "vision language" -survey',
  },
  badExclusion: {
    command: 'subscribe -author:"Marrow"',
    message: 'Only words and "phrases" can be excluded with - (got -author:"Marrow").',
    example: '/papers subscribe lora -survey -"literature review"',
  },
  unclosedQuote: {
    command: 'subscribe lora "vision language',
    message: 'A quote is never closed: "vision language',
    example: '/papers topic:"vision language"',
  },
  badCategory: {
    command: 'subscribe category:CS.CL',
    message: '"CS.CL" is not an arXiv category such as cs.CL or hep-th.',
    example: '/papers subscribe category:cs.CL',
  },
  badTime: {
    command: 'schedule 24:00',
    message: '"24:00" is not a time of day; use HH:MM from 00:00 to 23:59.',
    example: '/papers schedule 09:30 Europe/Berlin weekdays',
  },
  unknownTimezone: {
    command: 'schedule 09:30 Europe/Berln',
    message: 'Unknown timezone "Europe/Berln". Did you mean Europe/Berlin?',
    example: '/papers schedule 09:30 Europe/Berlin weekdays',
  },
  badDays: {
    command: 'schedule 09:30 weekends',
    message: 'Days must be daily or weekdays (got "weekends"); for other days, use cron.',
    example: '/papers schedule cron "30 9 * * SAT,SUN" Europe/Berlin',
  },
  badCron: {
    command: 'schedule cron "30 25 * * *"',
    message: 'Hour "25" is out of range 0-23. (in "30 25 * * *")',
    example: '/papers schedule cron "30 9 * * 1-5" Europe/Berlin',
  },
  configMissing: {
    command: 'config',
    message: 'config needs at least one setting, such as top:7.',
    example: '/papers config top:7 threads:off',
  },
  badConfigKey: {
    command: 'config min_upvotes:5',
    message:
      'Unknown setting "min_upvotes"; settings are top, min-upvotes, sources, threads, alerts, empty, learn, shared, language. Did you mean min-upvotes?',
    example: '/papers config min-upvotes:10',
  },
  badConfigValue: {
    command: 'config top:30',
    message: 'top must be a whole number from 1 to 20 (got 30).',
    example: '/papers config top:7',
  },
  badMention: {
    command: 'saved by:ada',
    message: 'by: needs a mention of a person, such as @ada picked from the list (got "ada").',
    example: '/papers saved since:7d',
  },
  badExport: {
    command: 'saved export:pdf',
    message: 'export must be one of bibtex, csv (got "pdf").',
    example: '/papers saved export:bibtex',
  },
  badWeekday: {
    command: 'schedule recap someday 16:00',
    message: '"someday" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.',
    example: '/papers schedule recap fri 16:00 Europe/Berlin',
  },
  questionMissing: {
    command: 'ask',
    message:
      'ask needs a question about a paper: name the paper (an arXiv id or link), or mention @paperboy in the thread of a paper it posted.',
    example: '/papers ask 2606.00467 What dataset do they train on?',
  },
};

const errorOf = (command: string): CommandError => {
  const result = parseCommand(command);
  if (result.ok) throw new Error(`${command} parsed`);
  return result.error;
};

describe('describeCommandError', () => {
  it.each(Object.entries(RENDERINGS))('renders %s', (id, { command, message, example }) => {
    const error = errorOf(command);
    expect(error.id).toBe(id);
    expect(describeCommandError(error)).toEqual({ message, example });
  });

  it('has a rendering test for every error id', () => {
    expect(Object.keys(RENDERINGS).sort()).toEqual(Object.values(CommandErrorId).sort());
  });

  it.each([
    ['a missing paper id', 'paper', 'paper needs an arXiv id or a link to the paper.'],
    ['a missing time', 'schedule', 'schedule needs a time such as 09:30, or off.'],
    ['a missing cron expression', 'schedule cron', 'schedule cron needs an expression in quotes.'],
    [
      'a cron with too few fields',
      'schedule cron "30 9 * *"',
      'A cron expression has 5 fields (minute hour day month weekday), not 4: "30 9 * *".',
    ],
    [
      'a timezone with no suggestion',
      'schedule 09:30 Mars/Olympus_Mons',
      'Unknown timezone "Mars/Olympus_Mons".',
    ],
    ['a non-numeric limit', 'lora limit:ten', 'limit must be between 1 and 25 (got "ten").'],
    [
      'a bad source',
      'config sources:hf,Foo',
      'sources must be hf or arXiv categories such as cs.LG, separated by commas (got "Foo").',
    ],
    ['words after settings', 'settings please', 'Unexpected "please" after settings.'],
  ])('words %s', (_, command, message) => {
    expect(describeCommandError(errorOf(command)).message).toBe(message);
  });

  it('gives examples that parse', () => {
    for (const { command } of Object.values(RENDERINGS)) {
      const { example } = describeCommandError(errorOf(command));
      expect(parseCommand(example).ok, example).toBe(true);
    }
  });

  it('answers an unknown option in subscribe with an example of subscribe terms', () => {
    const { message, example } = describeCommandError(errorOf('subscribe lora limit:5'));
    expect(message).toBe('Unknown option "limit:"; use author:, category:.');
    expect(example).toBe('/papers subscribe lora author:"Ilse Marrow" category:cs.CL');
    expect(parseCommand(example).ok).toBe(true);
  });

  it('leaves undefined detail out', () => {
    expect(commandError(CommandErrorId.UnknownTimezone, { timezone: 'X', suggestion: undefined })).toEqual({
      id: 'unknownTimezone',
      detail: { timezone: 'X' },
    });
  });

  it.each([
    [{ kind: 'unknownTimezone', timezone: 'Mars/Base' } as const, 'Unknown timezone "Mars/Base".'],
    [
      { kind: 'badTime', time: '25:00' } as const,
      '"25:00" is not a time of day; use HH:MM from 00:00 to 23:59.',
    ],
    [
      {
        kind: 'badCron',
        expression: '0 9 * * 8',
        problem: { kind: 'outOfRange', field: 'day-of-week', value: '8', min: 0, max: 7 },
      } as const,
      'Day-of-week "8" is out of range 0-7. (in "0 9 * * 8")',
    ],
  ])('words a stored schedule that cannot run as the command error for it: %j', (problem, message) => {
    const described = describeCommandError(scheduleError(problem));
    expect(described.message).toBe(message);
    expect(parseCommand(described.example).ok).toBe(true);
  });
});
