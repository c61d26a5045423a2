import { describe, expect, it } from 'vitest';
import { CommandErrorId, describeCommandError } from '../../../src/core/commands/command-error.js';
import { parseCommand } from '../../../src/core/commands/parse-command.js';
import { err, ok } from '../../../src/core/result.js';

describe('parseCommand: simple commands', () => {
  it.each([
    ['', { kind: 'today' }],
    ['   ', { kind: 'today' }],
    ['today', { kind: 'today' }],
    ['/papers', { kind: 'today' }],
    ['/papers today', { kind: 'today' }],
    ['  /PAPERS   Today  ', { kind: 'today' }],
    ['week', { kind: 'week' }],
    ['WEEK', { kind: 'week' }],
    ['help', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['--help', { kind: 'help' }],
    ['help subscribe', { kind: 'help' }],
    ['subscriptions', { kind: 'subscriptions' }],
    ['subs', { kind: 'subscriptions' }],
    ['List', { kind: 'subscriptions' }],
    ['settings', { kind: 'settings' }],
    ['digest', { kind: 'digest' }],
    ['digest now', { kind: 'digest' }],
    ['Digest NOW', { kind: 'digest' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(ok(command));
  });

  it('rejects words after a command that takes none, pointing today and week at search', () => {
    expect(parseCommand('week lora')).toEqual(
      err({ id: CommandErrorId.UnexpectedArguments, detail: { command: 'week', extra: 'lora' } }),
    );
    expect(parseCommand('subs   all  of them')).toEqual(
      err({
        id: CommandErrorId.UnexpectedArguments,
        detail: { command: 'subscriptions', extra: 'all of them' },
      }),
    );
    expect(parseCommand('digest later')).toEqual(
      err({ id: CommandErrorId.UnexpectedArguments, detail: { command: 'digest', extra: 'later' } }),
    );
  });

  it('does not strip /papers glued to other text', () => {
    expect(parseCommand('/paperstoday')).toEqual(ok({ kind: 'search', query: '/paperstoday' }));
  });
});

describe('parseCommand: paper', () => {
  it.each([
    ['paper 2606.00467', '2606.00467'],
    ['paper arXiv:2606.00467v2', '2606.00467'],
    ['PAPER https://arxiv.org/abs/2606.00467v3', '2606.00467'],
    ['paper https://arxiv.org/pdf/2606.00467v1.pdf', '2606.00467'],
    ['paper https://huggingface.co/papers/2606.00467', '2606.00467'],
    ['paper <https://huggingface.co/papers/2606.00467|link>', '2606.00467'],
    ['paper hep-th/9901001', 'hep-th/9901001'],
    ['paper math.GT/0309136v1', 'math/0309136'],
    ['paper 1412.6980', '1412.6980'],
    ['2606.00467', '2606.00467'],
    ['https://arxiv.org/abs/2606.00467', '2606.00467'],
  ])('reads %j', (text, id) => {
    expect(parseCommand(text)).toEqual(ok({ kind: 'paper', id }));
  });

  it.each([
    ['paper foo', 'foo'],
    ['paper', ''],
    ['paper 2613.00467', '2613.00467'],
    ['paper 2606.0046', '2606.0046'],
    ['paper 1412.69801', '1412.69801'],
    ['paper hep-th/0801001', 'hep-th/0801001'],
    ['paper https://example.com/abs/2606.00467', 'https://example.com/abs/2606.00467'],
    ['https://example.com', 'https://example.com'],
  ])('rejects %j', (text, value) => {
    expect(parseCommand(text)).toEqual(err({ id: CommandErrorId.BadPaperId, detail: { value } }));
  });
});

describe('parseCommand: search', () => {
  it.each([
    ['topic:lora', { kind: 'search', query: 'lora' }],
    ['TOPIC:LoRA', { kind: 'search', query: 'LoRA' }],
    [
      'topic:"diffusion transformers" since:7d limit:5 sort:upvotes',
      { kind: 'search', query: 'diffusion transformers', since: '7d', limit: 5, sort: 'upvotes' },
    ],
    ['topic:“diffusion   transformers”', { kind: 'search', query: 'diffusion transformers' }],
    ['lora -survey', { kind: 'search', query: 'lora -survey' }],
    ['lora today', { kind: 'search', query: 'lora today' }],
    [
      '"vision language" -"literature review"',
      { kind: 'search', query: '"vision language" -"literature review"' },
    ],
    ['“vision language” model', { kind: 'search', query: '"vision language" model' }],
    ['"lora" "a:b"', { kind: 'search', query: 'lora a:b' }],
    [
      'lora since:2026-06-01 sort:DATE page:3',
      { kind: 'search', query: 'lora', since: '2026-06-01', sort: 'date', page: 2 },
    ],
    ['topic:lora page:1', { kind: 'search', query: 'lora', page: 0 }],
    ['topic:lora topic:qlora', { kind: 'search', query: 'lora qlora' }],
    ['lora SINCE:2W Limit:25', { kind: 'search', query: 'lora', since: '2w', limit: 25 }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(ok(command));
  });

  it('needs something to search for', () => {
    expect(parseCommand('since:7d')).toEqual(err({ id: CommandErrorId.TopicMissing, detail: {} }));
    expect(parseCommand('topic: limit:5')).toEqual(err({ id: CommandErrorId.TopicMissing, detail: {} }));
    expect(parseCommand('-survey')).toEqual(err({ id: CommandErrorId.TopicMissing, detail: {} }));
  });

  it.each(['500', '0', 'ten', ''])('rejects limit:%s', (value) => {
    expect(parseCommand(`limit:${value} lora`)).toEqual(
      err({ id: CommandErrorId.LimitOutOfRange, detail: { value, min: 1, max: 25 } }),
    );
  });

  it.each(['0', '101', 'next'])('rejects page:%s', (value) => {
    expect(parseCommand(`lora page:${value}`)).toEqual(
      err({ id: CommandErrorId.PageOutOfRange, detail: { value, min: 1, max: 100 } }),
    );
  });

  it('rejects a since that is neither a span nor a date', () => {
    expect(parseCommand('lora since:yesterday')).toEqual(
      err({ id: CommandErrorId.BadSince, detail: { value: 'yesterday' } }),
    );
  });

  it('rejects an unknown sort', () => {
    expect(parseCommand('lora sort:hot')).toEqual(
      err({ id: CommandErrorId.BadSort, detail: { value: 'hot', valid: 'relevance, upvotes, date' } }),
    );
  });

  it('rejects an unknown option, listing the valid ones and the nearest', () => {
    const valid = 'topic:, since:, limit:, sort:, page:';
    expect(parseCommand('lora author:marrow')).toEqual(
      err({ id: CommandErrorId.UnknownOption, detail: { option: 'author', valid, context: 'search' } }),
    );
    expect(parseCommand('lora limt:5')).toEqual(
      err({
        id: CommandErrorId.UnknownOption,
        detail: { option: 'limt', valid, context: 'search', suggestion: 'limit:' },
      }),
    );
    expect(parseCommand('lora -since:7d')).toEqual(
      err({
        id: CommandErrorId.UnknownOption,
        detail: { option: '-since', valid, context: 'search', suggestion: 'since:' },
      }),
    );
  });

  it('rejects an option given twice', () => {
    expect(parseCommand('lora limit:5 limit:6')).toEqual(
      err({ id: CommandErrorId.RepeatedOption, detail: { option: 'limit', context: 'search' } }),
    );
  });

  it('rejects an unclosed quote, straight or curly', () => {
    expect(parseCommand('lora "vision language')).toEqual(
      err({ id: CommandErrorId.UnclosedQuote, detail: { fragment: '"vision language' } }),
    );
    expect(parseCommand('topic:“vision language')).toEqual(
      err({ id: CommandErrorId.UnclosedQuote, detail: { fragment: 'topic:“vision language' } }),
    );
  });
});

describe('parseCommand: mistyped commands', () => {
  it.each([
    ['subscrbe lora', 'subscrbe', 'subscribe'],
    ['unsubscibe lora', 'unsubscibe', 'unsubscribe'],
    ['Shedule 09:30', 'Shedule', 'schedule'],
    ['confg top:5', 'confg', 'config'],
    ['setings', 'setings', 'settings'],
    ['subscription', 'subscription', 'subscriptions'],
  ])('suggests a command for %j', (text, command, suggestion) => {
    expect(parseCommand(text)).toEqual(
      err({ id: CommandErrorId.UnknownCommand, detail: { command, suggestion } }),
    );
  });

  it.each(['lora', 'diffusion', 'sched', 'transformers'])('searches for %j, which is no typo', (word) => {
    expect(parseCommand(word)).toEqual(ok({ kind: 'search', query: word }));
  });
});

describe('parseCommand: subscribe and unsubscribe', () => {
  it('reads every kind of term', () => {
    expect(
      parseCommand(
        'subscribe lora "vision language" -survey -"literature review" author:"Ilse Marrow" category:cs.CL',
      ),
    ).toEqual(
      ok({
        kind: 'subscribe',
        terms: [
          { kind: 'word', value: 'lora', text: 'lora' },
          { kind: 'phrase', value: 'vision language', text: '"vision language"' },
          { kind: 'exclude', value: 'survey', text: '-survey' },
          { kind: 'exclude', value: 'literature review', text: '-"literature review"' },
          { kind: 'author', value: 'Ilse Marrow', text: 'author:"Ilse Marrow"' },
          { kind: 'category', value: 'cs.CL', text: 'category:cs.CL' },
        ],
      }),
    );
  });

  it('reads unsubscribe, case-insensitively', () => {
    expect(parseCommand('UNSUBSCRIBE LoRA')).toEqual(
      ok({ kind: 'unsubscribe', terms: [{ kind: 'word', value: 'lora', text: 'lora' }] }),
    );
  });

  it.each(['subscribe', 'unsubscribe'])('needs terms after %s', (command) => {
    expect(parseCommand(`${command}   `)).toEqual(
      err({ id: CommandErrorId.TermsMissing, detail: { command } }),
    );
  });

  it('passes term errors through', () => {
    expect(parseCommand('subscribe a')).toEqual(
      err({ id: CommandErrorId.TermTooShort, detail: { term: 'a', min: 2 } }),
    );
  });
});

describe('parseCommand: schedule', () => {
  const schedule = (time: string, timezone: string, days: object) =>
    ok({ kind: 'schedule', time, timezone, days });

  it.each([
    ['schedule 09:30 Europe/Berlin weekdays', schedule('09:30', 'Europe/Berlin', { kind: 'weekdays' })],
    ['schedule 9:30', schedule('09:30', 'UTC', { kind: 'weekdays' })],
    ['schedule 09:30 europe/berlin', schedule('09:30', 'Europe/Berlin', { kind: 'weekdays' })],
    ['SCHEDULE 23:59 UTC DAILY', schedule('23:59', 'UTC', { kind: 'daily' })],
    ['schedule 00:00 daily America/New_York', schedule('00:00', 'America/New_York', { kind: 'daily' })],
    ['schedule 7:05 weekdays', schedule('07:05', 'UTC', { kind: 'weekdays' })],
    ['schedule 9am', schedule('09:00', 'UTC', { kind: 'weekdays' })],
    ['schedule 12am', schedule('00:00', 'UTC', { kind: 'weekdays' })],
    ['schedule 5:15PM Asia/Tokyo', schedule('17:15', 'Asia/Tokyo', { kind: 'weekdays' })],
    [
      'schedule cron "30 9 * * 1-5" Europe/Berlin',
      schedule('09:30', 'Europe/Berlin', { kind: 'cron', expression: '30 9 * * 1-5' }),
    ],
    ['schedule cron “*/15 * * * *”', schedule('00:00', 'UTC', { kind: 'cron', expression: '*/15 * * * *' })],
    [
      'schedule cron 0 8 1,15 JAN-JUN MON-FRI Europe/Paris',
      schedule('08:00', 'Europe/Paris', { kind: 'cron', expression: '0 8 1,15 JAN-JUN MON-FRI' }),
    ],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('reads schedule off', () => {
    expect(parseCommand('schedule OFF')).toEqual(ok({ kind: 'scheduleOff' }));
    expect(parseCommand('schedule off now')).toEqual(
      err({ id: CommandErrorId.UnexpectedArguments, detail: { command: 'schedule off', extra: 'now' } }),
    );
  });

  it.each(['24:00', '9:60', '9', '0930', 'noon', '13pm', '9:5'])('rejects the time %j', (value) => {
    expect(parseCommand(`schedule ${value} UTC`)).toEqual(
      err({ id: CommandErrorId.BadTime, detail: { value } }),
    );
  });

  it('needs a time', () => {
    expect(parseCommand('schedule')).toEqual(err({ id: CommandErrorId.BadTime, detail: { value: '' } }));
  });

  it('suggests a timezone for a typo or a bare city', () => {
    expect(parseCommand('schedule 09:30 Europe/Berln')).toEqual(
      err({
        id: CommandErrorId.UnknownTimezone,
        detail: { timezone: 'Europe/Berln', suggestion: 'Europe/Berlin' },
      }),
    );
    expect(parseCommand('schedule 09:30 Berlin weekdays')).toEqual(
      err({
        id: CommandErrorId.UnknownTimezone,
        detail: { timezone: 'Berlin', suggestion: 'Europe/Berlin' },
      }),
    );
    expect(parseCommand('schedule cron "0 9 * * *" Mars/Olympus_Mons')).toEqual(
      err({ id: CommandErrorId.UnknownTimezone, detail: { timezone: 'Mars/Olympus_Mons' } }),
    );
  });

  it.each(['weekends', 'monday', 'mon-fri'])('rejects the days %j', (value) => {
    expect(parseCommand(`schedule 09:30 Europe/Berlin ${value}`)).toEqual(
      err({ id: CommandErrorId.BadDays, detail: { value } }),
    );
    expect(parseCommand(`schedule 09:30 ${value}`)).toEqual(
      err({ id: CommandErrorId.BadDays, detail: { value } }),
    );
  });

  it('rejects more after the days and timezone', () => {
    expect(parseCommand('schedule 09:30 UTC daily weekdays')).toEqual(
      err({ id: CommandErrorId.UnexpectedArguments, detail: { command: 'schedule', extra: 'weekdays' } }),
    );
  });

  it.each([
    [
      '"30 9 * *"',
      { expression: '30 9 * *', problem: { kind: 'fieldCount', count: 4, expression: '30 9 * *' } },
    ],
    [
      '"0 30 9 * * 1-5"',
      { expression: '0 30 9 * * 1-5', problem: expect.objectContaining({ kind: 'fieldCount', count: 6 }) },
    ],
    [
      '0 30 9 * * 1-5',
      { expression: '0 30 9 * * 1-5', problem: expect.objectContaining({ kind: 'fieldCount', count: 6 }) },
    ],
    [
      '"30 25 * * *"',
      { expression: '30 25 * * *', problem: expect.objectContaining({ kind: 'outOfRange', value: '25' }) },
    ],
    [
      '"60 9 * * *"',
      { expression: '60 9 * * *', problem: expect.objectContaining({ kind: 'outOfRange', value: '60' }) },
    ],
    [
      '"0 9 0 * *"',
      { expression: '0 9 0 * *', problem: expect.objectContaining({ kind: 'outOfRange', value: '0' }) },
    ],
    [
      '"0 9 * 13 *"',
      { expression: '0 9 * 13 *', problem: expect.objectContaining({ kind: 'outOfRange', value: '13' }) },
    ],
    [
      '"0 9 * FOO *"',
      { expression: '0 9 * FOO *', problem: expect.objectContaining({ kind: 'notANumber', value: 'FOO' }) },
    ],
    [
      '"0 9 * * 8"',
      { expression: '0 9 * * 8', problem: expect.objectContaining({ kind: 'outOfRange', value: '8' }) },
    ],
    [
      '"0 9 * * FRI-MON"',
      {
        expression: '0 9 * * FRI-MON',
        problem: expect.objectContaining({ kind: 'backwardsRange', value: 'FRI-MON' }),
      },
    ],
    [
      '"*/0 9 * * *"',
      { expression: '*/0 9 * * *', problem: expect.objectContaining({ kind: 'badStep', step: '0' }) },
    ],
    [
      '"0 9 ? * *"',
      { expression: '0 9 ? * *', problem: expect.objectContaining({ kind: 'notANumber', value: '?' }) },
    ],
    [
      '"0 9 1,,2 * *"',
      { expression: '0 9 1,,2 * *', problem: expect.objectContaining({ kind: 'emptyItem', value: '1,,2' }) },
    ],
    ['', { expression: '' }],
  ])('rejects the cron %s', (expression, detail) => {
    expect(parseCommand(`schedule cron ${expression}`)).toEqual(err({ id: CommandErrorId.BadCron, detail }));
  });
});

describe('parseCommand: config', () => {
  it('reads every setting', () => {
    expect(
      parseCommand('config top:7 min-upvotes:10 sources:hf,cs.LG threads:off alerts:instant empty:off'),
    ).toEqual(
      ok({
        kind: 'config',
        changes: {
          top: 7,
          minUpvotes: 10,
          sources: ['hf', 'cs.LG'],
          threads: false,
          alerts: 'instant',
          postWhenEmpty: false,
        },
      }),
    );
  });

  it.each([
    ['config TOP:20', { top: 20 }],
    ['config language:DE', { language: 'de' }],
    ['config language:zh-hant-tw', { language: 'zh-Hant-TW' }],
    ['config min-upvotes:0', { minUpvotes: 0 }],
    ['config min-upvotes:100000', { minUpvotes: 100_000 }],
    ['config sources:HF,cs.LG,hf,hep-th', { sources: ['hf', 'cs.LG', 'hep-th'] }],
    ['config sources:hf, cs.LG', { sources: ['hf', 'cs.LG'] }],
    ['config threads:YES empty:true', { threads: true, postWhenEmpty: true }],
    [
      'config threads:no empty:false alerts:Digest',
      { threads: false, postWhenEmpty: false, alerts: 'digest' },
    ],
    ['config shared:hide', { shared: 'hide' }],
    ['config shared:Show', { shared: 'show' }],
  ])('reads %j', (text, changes) => {
    expect(parseCommand(text)).toEqual(ok({ kind: 'config', changes }));
  });

  it('refuses a shared: value other than show or hide', () => {
    expect(parseCommand('config shared:off')).toEqual(
      err({ id: CommandErrorId.BadConfigValue, detail: { key: 'shared', value: 'off' } }),
    );
  });

  it('refuses a language tag that names no language, with an example', () => {
    for (const value of ['klingon', 'xq', 'x-private', 'de_DE!'])
      expect(parseCommand(`config language:${value}`)).toEqual(
        err({ id: CommandErrorId.BadConfigValue, detail: { key: 'language', value } }),
      );
    expect(
      describeCommandError({ id: CommandErrorId.BadConfigValue, detail: { key: 'language', value: 'xq' } }),
    ).toEqual({
      message: 'language must be a language tag such as en, de, fr, ja or pt-BR (got "xq").',
      example: '/papers config language:de',
    });
  });

  it('reads ask with its question, and needs one', () => {
    expect(parseCommand('ask 2606.00467 What dataset?')).toEqual(
      ok({ kind: 'ask', question: '2606.00467 What dataset?' }),
    );
    expect(parseCommand('/papers ask')).toEqual(err({ id: CommandErrorId.QuestionMissing, detail: {} }));
  });

  it('needs a setting', () => {
    expect(parseCommand('config')).toEqual(err({ id: CommandErrorId.ConfigMissing, detail: {} }));
  });

  it('rejects unknown settings, listing the valid ones', () => {
    const valid = 'top, min-upvotes, sources, threads, alerts, empty, learn, shared, language';
    expect(parseCommand('config colour:red')).toEqual(
      err({ id: CommandErrorId.BadConfigKey, detail: { key: 'colour', valid } }),
    );
    expect(parseCommand('config min_upvotes:5')).toEqual(
      err({
        id: CommandErrorId.BadConfigKey,
        detail: { key: 'min_upvotes', valid, suggestion: 'min-upvotes' },
      }),
    );
    expect(parseCommand('config top 7')).toEqual(
      err({ id: CommandErrorId.BadConfigKey, detail: { key: 'top', valid, suggestion: 'top' } }),
    );
  });

  it.each([
    ['top:0', 'top', '0'],
    ['top:21', 'top', '21'],
    ['top:many', 'top', 'many'],
    ['min-upvotes:100001', 'min-upvotes', '100001'],
    ['sources:hf,CS.LG', 'sources', 'CS.LG'],
    ['sources:,', 'sources', ','],
    ['threads:maybe', 'threads', 'maybe'],
    ['threads:constructor', 'threads', 'constructor'],
    ['empty:2', 'empty', '2'],
    ['alerts:weekly', 'alerts', 'weekly'],
  ])('rejects %s', (option, key, value) => {
    expect(parseCommand(`config ${option}`)).toEqual(
      err({ id: CommandErrorId.BadConfigValue, detail: { key, value } }),
    );
  });

  it('rejects a setting given twice', () => {
    expect(parseCommand('config top:5 top:6')).toEqual(
      err({ id: CommandErrorId.RepeatedOption, detail: { option: 'top', context: 'config' } }),
    );
  });
});
