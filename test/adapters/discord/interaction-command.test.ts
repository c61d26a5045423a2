import { describe, expect, it } from 'vitest';
import { createButtonCodec } from '../../../src/adapters/discord/buttons.js';
import { toDiscordExample } from '../../../src/adapters/discord/discord-examples.js';
import { commandFromInteraction } from '../../../src/adapters/discord/interaction-command.js';
import { postNonce } from '../../../src/adapters/discord/nonce.js';

const str = (name: string, value: string) => ({ name, type: 3, value });
const sub = (
  name: string,
  options: { name: string; type: number; value: string | number | boolean }[] = [],
) => ({
  name,
  type: 1,
  options,
});

describe('commandFromInteraction', () => {
  it("maps /papers options into the core's search, validated by the core", () => {
    expect(commandFromInteraction({ name: 'papers' })).toEqual({ ok: true, value: { kind: 'today' } });
    expect(
      commandFromInteraction({
        name: 'papers',
        options: [
          str('topic', '"diffusion transformers" -survey'),
          str('since', '7d'),
          { name: 'limit', type: 4, value: 5 },
          str('sort', 'upvotes'),
        ],
      }),
    ).toEqual({
      ok: true,
      value: {
        kind: 'search',
        query: '"diffusion transformers" -survey',
        since: '7d',
        limit: 5,
        sort: 'upvotes',
      },
    });
    expect(
      commandFromInteraction({
        name: 'papers',
        options: [str('topic', 'lora'), { name: 'limit', type: 4, value: 500 }],
      }),
    ).toEqual({
      ok: false,
      error: { id: 'limitOutOfRange', detail: { value: '500', min: 1, max: 25 } },
    });
    expect(commandFromInteraction({ name: 'papers', options: [str('since', '7d')] })).toMatchObject({
      ok: false,
      error: { id: 'topicMissing' },
    });
  });

  it('maps subscribe, unsubscribe and the /digest sub-commands', () => {
    expect(commandFromInteraction({ name: 'subscribe', options: [str('terms', 'lora -survey')] })).toEqual({
      ok: true,
      value: {
        kind: 'subscribe',
        terms: [
          { kind: 'word', value: 'lora', text: 'lora' },
          { kind: 'exclude', value: 'survey', text: '-survey' },
        ],
      },
    });
    expect(commandFromInteraction({ name: 'unsubscribe', options: [str('term', ' ')] })).toMatchObject({
      ok: false,
      error: { id: 'termsMissing' },
    });
    expect(
      commandFromInteraction({
        name: 'digest',
        options: [
          sub('schedule', [str('time', '9:30'), str('timezone', 'europe/berlin'), str('days', 'daily')]),
        ],
      }),
    ).toEqual({
      ok: true,
      value: { kind: 'schedule', time: '09:30', timezone: 'Europe/Berlin', days: { kind: 'daily' } },
    });
    expect(
      commandFromInteraction({
        name: 'digest',
        options: [sub('schedule', [str('time', '09:30'), str('timezone', 'Europe/Berln')])],
      }),
    ).toEqual({
      ok: false,
      error: { id: 'unknownTimezone', detail: { timezone: 'Europe/Berln', suggestion: 'Europe/Berlin' } },
    });
    expect(commandFromInteraction({ name: 'digest', options: [sub('off')] })).toEqual({
      ok: true,
      value: { kind: 'scheduleOff' },
    });
    expect(
      commandFromInteraction({
        name: 'digest',
        options: [
          sub('config', [
            { name: 'top', type: 4, value: 7 },
            { name: 'threads', type: 5, value: false },
            str('sources', 'hf, cs.LG'),
          ]),
        ],
      }),
    ).toEqual({
      ok: true,
      value: { kind: 'config', changes: { top: 7, threads: false, sources: ['hf', 'cs.LG'] } },
    });
    expect(commandFromInteraction({ name: 'digest', options: [sub('config')] })).toMatchObject({
      ok: false,
      error: { id: 'configMissing' },
    });
    expect(commandFromInteraction({ name: 'digest', options: [sub('now')] })).toEqual({
      ok: true,
      value: { kind: 'digest' },
    });
    expect(commandFromInteraction({ name: 'digest', options: [sub('settings')] })).toEqual({
      ok: true,
      value: { kind: 'settings' },
    });
  });
});

describe('the reading list, the recap and learning as Discord commands', () => {
  it('maps /saved options into the core’s saved command (by: is a USER option, a snowflake)', () => {
    expect(commandFromInteraction({ name: 'saved' })).toEqual({ ok: true, value: { kind: 'saved' } });
    expect(
      commandFromInteraction({
        name: 'saved',
        options: [
          str('since', '7D'),
          { name: 'by', type: 6, value: '700000000000000001' },
          { name: 'page', type: 4, value: 2 },
          str('export', 'csv'),
        ],
      }),
    ).toEqual({
      ok: true,
      value: { kind: 'saved', since: '7d', by: '700000000000000001', page: 1, export: 'csv' },
    });
    expect(commandFromInteraction({ name: 'saved', options: [str('export', 'pdf')] })).toMatchObject({
      ok: false,
      error: { id: 'badExport' },
    });
    expect(
      commandFromInteraction({ name: 'saved', options: [{ name: 'page', type: 4, value: 0 }] }),
    ).toMatchObject({ ok: false, error: { id: 'pageOutOfRange' } });
  });

  it('maps /unsave id: (an id or a link) and refuses what is not a paper id', () => {
    expect(
      commandFromInteraction({
        name: 'unsave',
        options: [str('id', ' https://huggingface.co/papers/2606.93392 ')],
      }),
    ).toEqual({ ok: true, value: { kind: 'unsave', id: '2606.93392' } });
    expect(commandFromInteraction({ name: 'unsave', options: [str('id', 'lora')] })).toEqual({
      ok: false,
      error: { id: 'badPaperId', detail: { value: 'lora', command: 'unsave' } },
    });
  });

  it('maps /why paper: and /digest preview', () => {
    expect(
      commandFromInteraction({ name: 'why', options: [str('paper', 'arxiv.org/abs/2606.93392v2')] }),
    ).toEqual({
      ok: true,
      value: { kind: 'why', id: '2606.93392' },
    });
    expect(commandFromInteraction({ name: 'why', options: [str('paper', 'lora')] })).toEqual({
      ok: false,
      error: { id: 'badPaperId', detail: { value: 'lora', command: 'why' } },
    });
    expect(
      commandFromInteraction({ name: 'digest', options: [{ type: 1, name: 'preview', options: [] }] }),
    ).toEqual({ ok: true, value: { kind: 'preview' } });
  });

  it('maps /digest recap (day, time, timezone; or day:off) and the learn option of /digest config', () => {
    expect(
      commandFromInteraction({
        name: 'digest',
        options: [sub('recap', [str('day', 'fri'), str('time', '16:00'), str('timezone', 'europe/berlin')])],
      }),
    ).toEqual({
      ok: true,
      value: { kind: 'scheduleRecap', weekday: 5, time: '16:00', timezone: 'Europe/Berlin' },
    });
    expect(
      commandFromInteraction({
        name: 'digest',
        options: [sub('recap', [str('day', 'mon'), str('time', '8:30')])],
      }),
    ).toEqual({
      ok: true,
      value: { kind: 'scheduleRecap', weekday: 1, time: '08:30', timezone: 'UTC' },
    });
    expect(commandFromInteraction({ name: 'digest', options: [sub('recap', [str('day', 'off')])] })).toEqual({
      ok: true,
      value: { kind: 'recapOff' },
    });
    expect(
      commandFromInteraction({ name: 'digest', options: [sub('recap', [str('day', 'fri')])] }),
    ).toMatchObject({
      ok: false,
      error: { id: 'badTime' },
    });
    expect(
      commandFromInteraction({
        name: 'digest',
        options: [sub('config', [{ name: 'learn', type: 5, value: false }])],
      }),
    ).toEqual({ ok: true, value: { kind: 'config', changes: { learn: false } } });
    expect(
      commandFromInteraction({
        name: 'digest',
        options: [sub('config', [{ name: 'language', type: 3, value: 'pt-br' }])],
      }),
    ).toEqual({ ok: true, value: { kind: 'config', changes: { language: 'pt-BR' } } });
  });

  it('rewrites the examples of the reading list and the recap into the Discord commands', () => {
    expect(toDiscordExample('/papers saved')).toBe('/saved');
    expect(toDiscordExample('/papers saved since:7d')).toBe('/saved since:7d');
    expect(toDiscordExample('/papers saved export:bibtex')).toBe('/saved export:bibtex');
    expect(toDiscordExample('/papers unsave 2606.93392')).toBe('/unsave id:2606.93392');
    expect(toDiscordExample('/papers schedule recap fri 16:00 Europe/Berlin')).toBe(
      '/digest recap day:fri time:16:00 timezone:Europe/Berlin',
    );
    expect(toDiscordExample('/papers schedule recap off')).toBe('/digest recap day:off');
    expect(toDiscordExample('/papers config learn:off')).toBe('/digest config learn:off');
  });
});

describe('buttons and nonces', () => {
  it('carries the action in the custom_id and leaves out a value the core should have shortened', () => {
    const codec = createButtonCodec();
    const short = codec.components([{ kind: 'nextPage', label: 'Next', value: 'pb1:1:5:::lora' }]);
    const id = short[0]?.components[0]?.custom_id ?? '';
    expect(id).toBe('n|pb1:1:5:::lora');
    expect(codec.decode(id)).toEqual({ kind: 'nextPage', value: 'pb1:1:5:::lora' });
    expect(codec.decode('s|k:AbCdEfGhIjKlMnOp')).toEqual({ kind: 'share', value: 'k:AbCdEfGhIjKlMnOp' });
    // The core keeps values within 98 characters; a longer one would be rejected by Discord, so no button.
    const long = `pb1:0:5:::${'transformer '.repeat(20)}`;
    expect(codec.components([{ kind: 'share', label: 'Share', value: long }])).toEqual([]);
    expect(codec.decode('someone-elses-button')).toBeNull();
  });

  it('derives a stable nonce of at most 25 characters per message part', () => {
    const nonce = postNonce('digest:discord:1:2:2026-06-12T09:00Z', 0);
    expect(nonce).toHaveLength(25);
    expect(postNonce('digest:discord:1:2:2026-06-12T09:00Z', 0)).toBe(nonce);
    expect(postNonce('digest:discord:1:2:2026-06-12T09:00Z', 1)).not.toBe(nonce);
  });
});

describe('examples in Discord form', () => {
  it("rewrites the core's /papers examples into the Discord commands that do the same", () => {
    expect(toDiscordExample('/papers schedule 09:30 Europe/Berlin weekdays')).toBe(
      '/digest schedule time:09:30 timezone:Europe/Berlin days:weekdays',
    );
    expect(toDiscordExample('/papers schedule 09:30 Europe/Berlin')).toBe(
      '/digest schedule time:09:30 timezone:Europe/Berlin',
    );
    expect(toDiscordExample('/papers subscribe lora "vision language" -survey')).toBe(
      '/subscribe terms:lora "vision language" -survey',
    );
    expect(toDiscordExample('/papers unsubscribe lora')).toBe('/unsubscribe term:lora');
    expect(toDiscordExample('/papers config top:7')).toBe('/digest config top:7');
    expect(toDiscordExample('/papers digest')).toBe('/digest now');
    expect(toDiscordExample('/papers lora')).toBe('/papers topic:lora');
    expect(toDiscordExample('/papers topic:lora since:7d')).toBe('/papers topic:lora since:7d');
  });

  it('looks a paper up when the topic is an arXiv id or link', () => {
    expect(
      commandFromInteraction({ name: 'papers', options: [str('topic', 'https://arxiv.org/abs/2606.00467')] }),
    ).toEqual({
      ok: true,
      value: { kind: 'paper', id: '2606.00467' },
    });
  });
});
