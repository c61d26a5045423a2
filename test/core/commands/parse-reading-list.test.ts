import { describe, expect, it } from 'vitest';
import { CommandErrorId } from '../../../src/core/commands/command-error.js';
import { parseCommand } from '../../../src/core/commands/parse-command.js';
import { mentionedUser } from '../../../src/core/commands/parse-saved.js';
import { parseWeekday } from '../../../src/core/commands/parse-schedule.js';
import { err, ok } from '../../../src/core/result.js';

describe('parseCommand: the reading list', () => {
  it.each([
    ['saved', { kind: 'saved' }],
    ['saved since:7d', { kind: 'saved', since: '7d' }],
    ['saved by:<@U123ABC|ada> since:2W', { kind: 'saved', by: 'U123ABC', since: '2w' }],
    ['saved by:<@!412345678901234567>', { kind: 'saved', by: '412345678901234567' }],
    ['saved export:BibTeX', { kind: 'saved', export: 'bibtex' }],
    ['saved export:csv page:2', { kind: 'saved', export: 'csv', page: 1 }],
    ['reading since:30d', { kind: 'saved', since: '30d' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(ok(command));
  });

  it.each([
    ['saved by:ada', { id: CommandErrorId.BadMention, detail: { value: 'ada' } }],
    ['saved by:@ada', { id: CommandErrorId.BadMention, detail: { value: '@ada' } }],
    ['saved export:pdf', { id: CommandErrorId.BadExport, detail: { value: 'pdf', valid: 'bibtex, csv' } }],
    ['saved since:soon', { id: CommandErrorId.BadSince, detail: { value: 'soon' } }],
    ['saved page:0', { id: CommandErrorId.PageOutOfRange, detail: { value: '0', min: 1, max: 100 } }],
    ['saved lora', { id: CommandErrorId.UnexpectedArguments, detail: { command: 'saved', extra: 'lora' } }],
    [
      'saved sinse:7d',
      {
        id: CommandErrorId.UnknownOption,
        detail: {
          option: 'sinse',
          valid: 'since:, by:, page:, export:',
          context: 'saved',
          suggestion: 'since:',
        },
      },
    ],
    [
      'saved since:7d since:2d',
      { id: CommandErrorId.RepeatedOption, detail: { option: 'since', context: 'saved' } },
    ],
  ])('refuses %j', (text, error) => {
    expect(parseCommand(text)).toEqual(err(error));
  });

  it('reads unsave with an id or a link', () => {
    expect(parseCommand('unsave 2606.93392')).toEqual(ok({ kind: 'unsave', id: '2606.93392' }));
    expect(parseCommand('unsave https://huggingface.co/papers/2606.93392')).toEqual(
      ok({ kind: 'unsave', id: '2606.93392' }),
    );
    expect(parseCommand('unsave')).toEqual(
      err({ id: CommandErrorId.BadPaperId, detail: { value: '', command: 'unsave' } }),
    );
  });

  it('tells a mention from a name', () => {
    expect(mentionedUser('<@W0123ABC>')).toBe('W0123ABC');
    expect(mentionedUser('U0123ABC')).toBe('U0123ABC');
    expect(mentionedUser('ada')).toBeUndefined();
    expect(mentionedUser('<#C123|general>')).toBeUndefined();
  });
});

describe('parseCommand: the weekly recap and learning', () => {
  it.each([
    ['schedule recap fri 16:00', { kind: 'scheduleRecap', weekday: 5, time: '16:00', timezone: 'UTC' }],
    [
      'schedule recap 9am Monday europe/berlin',
      { kind: 'scheduleRecap', weekday: 1, time: '09:00', timezone: 'Europe/Berlin' },
    ],
    ['schedule recap off', { kind: 'recapOff' }],
    ['config learn:off', { kind: 'config', changes: { learn: false } }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(ok(command));
  });

  it.each([
    ['schedule recap', { id: CommandErrorId.BadWeekday, detail: { value: '' } }],
    ['schedule recap fri', { id: CommandErrorId.BadTime, detail: { value: '' } }],
    ['schedule recap someday 16:00', { id: CommandErrorId.BadWeekday, detail: { value: 'someday' } }],
    ['schedule recap fri 25:00', { id: CommandErrorId.BadTime, detail: { value: '25:00' } }],
    [
      'schedule recap fri 16:00 Mars/Base',
      { id: CommandErrorId.UnknownTimezone, detail: { timezone: 'Mars/Base' } },
    ],
    [
      'schedule recap off now',
      { id: CommandErrorId.UnexpectedArguments, detail: { command: 'schedule recap off', extra: 'now' } },
    ],
    ['config learn:maybe', { id: CommandErrorId.BadConfigValue, detail: { key: 'learn', value: 'maybe' } }],
  ])('refuses %j', (text, error) => {
    expect(parseCommand(text)).toEqual(err(error));
  });

  it('reads weekdays by name, short or long', () => {
    expect(['sun', 'Monday', 'tues', 'wednesday', 'THU', 'fridays', 'sat'].map(parseWeekday)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(parseWeekday('fr')).toBeUndefined();
    expect(parseWeekday('weekend')).toBeUndefined();
  });
});

describe('parseCommand: "reading" as a search word', () => {
  it('reads "reading list" with options as the reading list, and other words after "reading" as a search', () => {
    expect(parseCommand('reading list since:7d')).toEqual({
      ok: true,
      value: { kind: 'saved', since: '7d' },
    });
    expect(parseCommand('reading comprehension since:7d')).toMatchObject({
      ok: true,
      value: { kind: 'search', query: 'reading comprehension', since: '7d' },
    });
  });
});
