import fc from 'fast-check';
import cron from 'node-cron';
import { describe, expect, it, vi } from 'vitest';
import { formatConfigErrors, parseConfig } from '../src/config.js';
import type { Schedule } from '../src/core/channel.js';
import { parseCron } from '../src/core/schedule/cron.js';
import { MAX_SEARCH_DAYS, nextDueAt } from '../src/core/schedule/due-times.js';
import { cronExpression, instant, TIMEZONES } from './helpers/cron-expressions.js';

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const result = parseConfig({});
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        PAPERBOY_DATA_DIR: './.paperboy',
        HF_API_URL: 'https://huggingface.co',
        ARXIV_API_URL: 'https://export.arxiv.org/api',
        ARXIV_RSS_URL: 'https://rss.arxiv.org/rss',
        ARXIV_CATEGORIES: ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG'],
        ARXIV_MIN_INTERVAL_MS: 3000,
        LOG_LEVEL: 'info',
      }),
    });
    if (result.ok) expect(result.config.DATABASE_URL).toBeUndefined();
  });

  it('counts empty strings as unset', () => {
    const result = parseConfig({ DATABASE_URL: '', HF_API_URL: '  ', LOG_LEVEL: '' });
    expect(result.ok && result.config.DATABASE_URL).toBeUndefined();
    expect(result.ok && result.config.HF_API_URL).toBe('https://huggingface.co');
  });

  it('reads values and strips trailing slashes from base URLs', () => {
    const result = parseConfig({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
      HF_API_URL: 'http://127.0.0.1:8080/',
      ARXIV_API_URL: 'http://127.0.0.1:8081/api',
      ARXIV_MIN_INTERVAL_MS: '0',
      ARXIV_CATEGORIES: 'cs.LG, hep-th ,math.GT',
      ARXIV_INCLUDE_CROSS: 'yes',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
        HF_API_URL: 'http://127.0.0.1:8080',
        ARXIV_MIN_INTERVAL_MS: 0,
        ARXIV_CATEGORIES: ['cs.LG', 'hep-th', 'math.GT'],
        ARXIV_INCLUDE_CROSS: true,
      },
    });
  });

  it('reads the link-card settings and refuses bad ones with the fix', () => {
    expect(parseConfig({})).toMatchObject({
      ok: true,
      config: { DISCORD_MESSAGE_CONTENT: false, PAPER_LOOKUP_QUEUE: 500 },
    });
    expect(parseConfig({ DISCORD_MESSAGE_CONTENT: 'true', PAPER_LOOKUP_QUEUE: '50' })).toMatchObject({
      ok: true,
      config: { DISCORD_MESSAGE_CONTENT: true, PAPER_LOOKUP_QUEUE: 50 },
    });
    const bad = parseConfig({ DISCORD_MESSAGE_CONTENT: 'maybe', PAPER_LOOKUP_QUEUE: '0' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((error) => error.variable).sort()).toEqual([
      'DISCORD_MESSAGE_CONTENT',
      'PAPER_LOOKUP_QUEUE',
    ]);
    expect(formatConfigErrors(bad.errors)).toContain('PAPER_LOOKUP_QUEUE');
  });

  it('lists every bad variable at once, each naming itself and the fix', () => {
    const result = parseConfig({
      DATABASE_URL: 'mysql://localhost/db',
      HTTP_TIMEOUT_MS: 'soon',
      LOG_LEVEL: 'loud',
      ARXIV_CATEGORIES: 'cs.LG,not a category',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.variable).sort()).toEqual([
      'ARXIV_CATEGORIES',
      'DATABASE_URL',
      'HTTP_TIMEOUT_MS',
      'LOG_LEVEL',
    ]);
    const text = formatConfigErrors(result.errors);
    expect(text).toContain('4 environment variable(s) need fixing');
    expect(text).toContain('DATABASE_URL must be a postgres:// URL');
    expect(text).toContain('Unset it to use the embedded database');
    expect(text).toContain('LOG_LEVEL must be one of debug, info, warn, error, silent');
  });

  it("refuses to ask arxiv.org more often than arXiv's terms allow", () => {
    const result = parseConfig({ ARXIV_MIN_INTERVAL_MS: '1000' });
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ variable: 'ARXIV_MIN_INTERVAL_MS' })],
    });
    expect(parseConfig({ ARXIV_MIN_INTERVAL_MS: '1000', ARXIV_API_URL: 'http://127.0.0.1:9/api' }).ok).toBe(
      true,
    );
  });

  it('runs without a model by default and reads one when its URL and name are set', () => {
    const none = parseConfig({});
    expect(none.ok && none.config.LLM_BASE_URL).toBeUndefined();
    expect(none).toMatchObject({ ok: true, config: { LLM_DAILY_TOKENS: 500_000, LLM_STREAM: false } });
    expect(
      parseConfig({
        LLM_BASE_URL: 'http://127.0.0.1:11434/v1/',
        LLM_MODEL: 'llama3.1:8b',
        LLM_TIMEOUT: '30s',
        LLM_DAILY_TOKENS: '0',
        ARXIV_HTML_URL: 'http://127.0.0.1:9/html',
      }),
    ).toMatchObject({
      ok: true,
      config: {
        LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
        LLM_MODEL: 'llama3.1:8b',
        LLM_TIMEOUT: 30_000,
        LLM_DAILY_TOKENS: 0,
        ARXIV_HTML_URL: 'http://127.0.0.1:9/html',
      },
    });
  });

  it('says what to set when a model is half configured, without showing the key', () => {
    const noModel = parseConfig({ LLM_BASE_URL: 'https://api.openai.com/v1' });
    expect(noModel).toEqual({ ok: false, errors: [expect.objectContaining({ variable: 'LLM_MODEL' })] });
    const keyOnly = parseConfig({ LLM_API_KEY: 'sk-secret-value' });
    expect(keyOnly).toEqual({ ok: false, errors: [expect.objectContaining({ variable: 'LLM_BASE_URL' })] });
    if (keyOnly.ok) return;
    const text = formatConfigErrors(keyOnly.errors);
    expect(text).toContain('LLM_BASE_URL must be set with LLM_API_KEY');
    expect(text).not.toContain('sk-secret-value');
    const badUrl = parseConfig({ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' });
    expect(badUrl).toEqual({ ok: false, errors: [expect.objectContaining({ variable: 'LLM_BASE_URL' })] });
  });
});

describe('INGEST_CRON', () => {
  const ingestCron = (value?: string) => {
    const result = parseConfig(value === undefined ? {} : { INGEST_CRON: value });
    return result.ok ? result.config.INGEST_CRON : formatConfigErrors(result.errors);
  };

  it('is read by the core cron parser and handed to node-cron as plain lists', () => {
    expect(ingestCron()).toBe('0,30 * * * *');
    expect(ingestCron('*/30 * * * *')).toBe('0,30 * * * *');
    expect(ingestCron('0 0 1 1 *')).toBe('0 0 1 1 *');
    expect(ingestCron('5/20 9-17 * JAN-MAR mon-FRI')).toBe(
      '5,25,45 9,10,11,12,13,14,15,16,17 * 1,2,3 1,2,3,4,5',
    );
    expect(ingestCron('0\t6  * * 7')).toBe('0 6 * * 0');
  });

  it("gives the core parser's reason and a correct example", () => {
    expect(ingestCron('60 * * * *')).toContain(
      '  - INGEST_CRON must be a cron expression such as "*/30 * * * *": Minute `60` is out of range 0-59.',
    );
    // node-cron took seconds fields and nicknames; the core's grammar, the one channel schedules use, does not.
    expect(ingestCron('0 */5 * * * *')).toContain(
      'INGEST_CRON must be a cron expression such as "*/30 * * * *": Expected five fields (minute hour day-of-month month day-of-week), got 6',
    );
    expect(ingestCron('@hourly')).toContain('got 1 in `@hourly`');
  });

  it('refuses what node-cron would run differently: both day fields restricted, or no day at all', () => {
    expect(ingestCron('0 6 1 * MON')).toContain(
      'INGEST_CRON must not restrict both day-of-month and day-of-week (`0 6 1 * MON`): the ingest scheduler would run it only on days matching both, where cron runs it on days matching either. Put * in one of them, e.g. "0 6 1 * *" or "0 6 * * MON".',
    );
    expect(ingestCron('0 0 31 2 *')).toContain(
      'INGEST_CRON `0 0 31 2 *` never runs: none of its months has that day. Use an expression such as "*/30 * * * *".',
    );
    expect(ingestCron('0 0 29 2 *')).toBe('0 0 29 2 *');
    expect(ingestCron('0 6 */2 * MON')).toBe('0 6 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31 * 1');
  });
});

describe('INGEST_CRON run by node-cron', () => {
  const cronSchedule = (expression: string, timezone: string): Schedule => ({
    enabled: true,
    time: '09:00',
    timezone,
    days: { kind: 'cron', expression },
  });
  /**
   * The core's next `count` due times after `after`. The core looks `MAX_SEARCH_DAYS` ahead of each, so a rare
   * expression (1 or 29 August on a Sunday) may have fewer; node-cron looks a century ahead.
   */
  const coreRuns = (expression: string, timezone: string, after: Date, count: number): string[] => {
    const runs: string[] = [];
    for (
      let at = nextDueAt(cronSchedule(expression, timezone), after);
      at !== null && runs.length < count;
    ) {
      runs.push(at.toISOString());
      at = nextDueAt(cronSchedule(expression, timezone), at);
    }
    return runs;
  };
  /** `runs` up to where the core's `due` are known to be complete. */
  const withinCoreHorizon = (runs: string[], due: string[], after: Date, count: number): string[] => {
    if (due.length === count) return runs.slice(0, count);
    const from = Date.parse(due.at(-1) ?? after.toISOString());
    return runs.filter((at) => Date.parse(at) < from + (MAX_SEARCH_DAYS - 2) * 86_400_000);
  };
  /** node-cron's next `count` runs after `after`, as the scheduler would make them (read with a fake clock). */
  const nodeCronRuns = (expression: string, timezone: string, after: Date, count: number): string[] => {
    const task = cron.createTask(expression, () => {}, { timezone });
    vi.useFakeTimers({ toFake: ['Date'], now: after });
    try {
      return task.getNextRuns(count).map((at) => at.toISOString());
    } finally {
      vi.useRealTimers();
      void task.destroy();
    }
  };
  const accepted = (expression: string): string | null => {
    const result = parseConfig({ INGEST_CRON: expression });
    return result.ok ? result.config.INGEST_CRON : null;
  };
  const offsetFormats = new Map<string, Intl.DateTimeFormat>();
  const offset = (at: number, timezone: string) => {
    let format = offsetFormats.get(timezone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' });
      offsetFormats.set(timezone, format);
    }
    return format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  };
  /** Whether the offset of `timezone` stays the same from `from` to a day after `to`. */
  const steadyOffset = (timezone: string, from: Date, to: Date): boolean => {
    const first = offset(from.getTime(), timezone);
    for (let at = from.getTime(); at <= to.getTime() + 86_400_000; at += 3_600_000) {
      if (offset(at, timezone) !== first) return false;
    }
    return true;
  };

  it('accepts every core expression but the two it refuses, and says which', () => {
    fc.assert(
      fc.property(cronExpression, (expression) => {
        const spec = parseCron(expression);
        if (!spec.ok) return;
        const result = parseConfig({ INGEST_CRON: expression });
        const bothDays = spec.value.dayOfMonthRestricted && spec.value.dayOfWeekRestricted;
        // The core looks about 8 years ahead; weekdays and dates repeat every 28 years, so four looks cover all.
        const neverRuns = [2000, 2008, 2016, 2024].every(
          (year) => nextDueAt(cronSchedule(expression, 'UTC'), new Date(`${year}-01-01T00:00:00Z`)) === null,
        );
        const message = result.ok ? 'ok' : (result.errors[0]?.message ?? '');
        expect(message).toMatch(
          bothDays
            ? /must not restrict both day-of-month and day-of-week/
            : neverRuns
              ? /never runs/
              : /^ok$/,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('runs an accepted expression when the core says it is due (UTC)', () => {
    fc.assert(
      fc.property(cronExpression, instant, (expression, after) => {
        const plain = accepted(expression);
        fc.pre(plain !== null);
        if (plain === null) return;
        const due = coreRuns(expression, 'UTC', after, 8);
        expect(withinCoreHorizon(nodeCronRuns(plain, 'UTC', after, 8), due, after, 8)).toEqual(due);
      }),
      { numRuns: 300 },
    );
  });

  it('does the same in any timezone on days without a daylight-saving change', () => {
    fc.assert(
      fc.property(cronExpression, fc.constantFrom(...TIMEZONES), instant, (expression, timezone, after) => {
        const plain = accepted(expression);
        fc.pre(plain !== null);
        if (plain === null) return;
        const core = coreRuns(expression, timezone, after, 4);
        const last = core.at(-1);
        fc.pre(last !== undefined && Date.parse(last) - after.getTime() < 10 * 86_400_000);
        fc.pre(steadyOffset(timezone, after, new Date(last ?? after)));
        expect(nodeCronRuns(plain, timezone, after, 4)).toEqual(core);
      }),
      { numRuns: 150 },
    );
  });

  // Without TZ set, node-cron reads INGEST_CRON in the server's timezone; on the days that timezone changes
  // its clocks, node-cron is not the core: it skips times that do not exist, and may run a repeated time at
  // its second occurrence. An ingest run more or less on those two days does no harm.
  it('skips a time in the spring-forward gap, where the core moves it to the end of the gap', () => {
    const after = new Date('2026-03-28T12:00:00Z'); // Berlin springs from 02:00 to 03:00 on the 29th
    expect(coreRuns('30 2 * * *', 'Europe/Berlin', after, 2)).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(nodeCronRuns('30 2 * * *', 'Europe/Berlin', after, 2)).toEqual([
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('runs the repeated hour of a fall-back once, at the second occurrence east of UTC and the first west of it', () => {
    const berlin = new Date('2026-10-24T23:00:00Z'); // 01:00 CEST; 03:00 CEST becomes 02:00 CET at 01:00Z
    expect(coreRuns('*/30 * * * *', 'Europe/Berlin', berlin, 5)).toEqual([
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T02:00:00.000Z', // 03:00 CET
      '2026-10-25T02:30:00.000Z',
    ]);
    expect(nodeCronRuns('0,30 * * * *', 'Europe/Berlin', berlin, 5)).toEqual([
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T01:00:00.000Z', // 02:00 CET
      '2026-10-25T01:30:00.000Z', // 02:30 CET
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
    const newYork = new Date('2026-11-01T04:00:00Z'); // 00:00 EDT; 02:00 EDT becomes 01:00 EST at 06:00Z
    expect(nodeCronRuns('30 1 * * *', 'America/New_York', newYork, 1)).toEqual(
      coreRuns('30 1 * * *', 'America/New_York', newYork, 1),
    );
    expect(coreRuns('30 1 * * *', 'America/New_York', newYork, 1)).toEqual(['2026-11-01T05:30:00.000Z']);
  });
});
