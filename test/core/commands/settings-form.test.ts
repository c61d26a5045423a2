import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerCommand } from '../../../src/core/bot/answer-command.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../../src/core/bot/handle-command.js';
import type { ChannelRef, ChannelSettings } from '../../../src/core/channel.js';
import { parseCommand } from '../../../src/core/commands/parse-command.js';
import type { CONFIG_KEYS } from '../../../src/core/commands/parse-config.js';
import {
  configFromForm,
  type SettingsForm,
  scheduleFromForm,
} from '../../../src/core/commands/settings-form.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { openTestDatabase, resetTables } from '../../helpers/test-database.js';

/** Every setting, as a text command types it and as a form's controls submit it. */
const SETTINGS: [text: string, form: SettingsForm][] = [
  ['top:7', { top: '7' }],
  ['min-upvotes:10', { 'min-upvotes': '10' }],
  ['sources:hf,cs.LG,hep-th', { sources: ['hf', 'cs.LG', 'hep-th'] }],
  ['threads:off', { threads: false }],
  ['alerts:instant', { alerts: 'instant' }],
  ['empty:off', { empty: false }],
  ['learn:off', { learn: false }],
  ['shared:hide', { shared: 'hide' }],
  ['language:pt-br', { language: 'pt-br' }],
  [
    'top:3 min-upvotes:0 sources:cs.CV threads:on alerts:digest empty:on learn:on shared:show',
    {
      top: '3',
      'min-upvotes': '0',
      sources: ['cs.CV'],
      threads: true,
      alerts: 'digest',
      empty: true,
      learn: true,
      shared: 'show',
    },
  ],
];

describe('configFromForm and /papers config store the same settings', () => {
  const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
  const now = new Date('2026-06-12T10:00:00Z');
  let handle: DatabaseHandle;
  let dependencies: BotDependencies;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    dependencies = createStoreBotDependencies(handle.db, silentLogger);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => resetTables(handle));

  const stored = async (): Promise<ChannelSettings | undefined> =>
    (await dependencies.channels.get(channel))?.settings;

  it.each(SETTINGS)('config %s', async (text, form) => {
    await handleText(dependencies, { channel, now }, `config ${text}`);
    const byText = await stored();
    await resetTables(handle);
    const changes = configFromForm(form);
    if (!changes.ok) throw new Error(JSON.stringify(changes.error));
    await answerCommand(dependencies, { channel, now }, { kind: 'config', changes: changes.value });
    expect(await stored()).toEqual(byText);
  });
});

/** Values a control could send for each setting, good and bad (a form can be tampered with). */
const VALUES: Record<(typeof CONFIG_KEYS)[number], fc.Arbitrary<string | string[] | boolean>> = {
  top: fc.oneof(fc.integer({ min: -5, max: 999 }).map(String), fc.constantFrom('', 'seven', '7.5')),
  'min-upvotes': fc.oneof(fc.integer({ min: -1, max: 200_000 }).map(String), fc.constantFrom('', 'many')),
  sources: fc.array(
    fc.constantFrom('hf', 'HF', 'cs.LG', 'hep-th', 'math.GT', 'not a category', '', 'cs.LG OR x'),
    {
      maxLength: 4,
    },
  ),
  threads: fc.oneof(fc.boolean(), fc.constantFrom('on', 'maybe')),
  alerts: fc.constantFrom('digest', 'instant', 'Instant', 'sometimes', ''),
  empty: fc.boolean(),
  learn: fc.oneof(fc.boolean(), fc.constantFrom('off', 'perhaps')),
  shared: fc.constantFrom('show', 'hide', 'HIDE', 'off', ''),
  language: fc.constantFrom('de', 'pt-br', 'EN', 'klingon', 'xq', '', 'de DE'),
};

const asText = (value: string | readonly string[] | boolean): string =>
  typeof value === 'boolean' ? (value ? 'on' : 'off') : typeof value === 'string' ? value : value.join(',');

describe('configFromForm', () => {
  it('accepts exactly what the text command accepts, field by field, with the same changes', () => {
    const form = fc.record(VALUES, { requiredKeys: [] });
    fc.assert(
      fc.property(form, (values) => {
        const fromForm = configFromForm(values);
        const fields = Object.entries(values) as [keyof typeof VALUES, string | string[] | boolean][];
        const bad = fields.filter(([key, value]) => !parseCommand(`config ${key}:"${asText(value)}"`).ok);
        if (bad.length > 0) {
          expect(fromForm.ok).toBe(false);
          if (!fromForm.ok)
            expect(fromForm.error.map((error) => error.field).sort()).toEqual(bad.map(([key]) => key).sort());
          return;
        }
        const expected = Object.assign(
          {},
          ...fields.map(([key, value]) => {
            const parsed = parseCommand(`config ${key}:"${asText(value)}"`);
            return parsed.ok && parsed.value.kind === 'config' ? parsed.value.changes : {};
          }),
        );
        expect(fromForm).toEqual({ ok: true, value: expected });
      }),
    );
  });

  it('refuses a tampered submission field by field, with the command’s own messages', () => {
    expect(
      configFromForm({ top: '999', sources: ['hf', 'not a category'], alerts: 'sometimes', learn: true }),
    ).toEqual({
      ok: false,
      error: [
        { field: 'top', message: 'top must be a whole number from 1 to 20 (got 999).' },
        { field: 'sources', message: expect.stringContaining('sources must be hf or arXiv categories') },
        { field: 'alerts', message: expect.stringContaining('alerts must be digest or instant') },
      ],
    });
  });

  it('changes nothing for an empty form', () => {
    expect(configFromForm({})).toEqual({ ok: true, value: {} });
  });
});

describe('scheduleFromForm', () => {
  it.each([
    [
      { time: '09:30', timezone: 'Europe/Berlin', days: 'weekdays' as const },
      'schedule 09:30 Europe/Berlin weekdays',
    ],
    [{ time: '07:05', timezone: 'UTC', days: 'daily' as const }, 'schedule 07:05 UTC daily'],
    [
      { time: '09:30', timezone: 'America/New_York', days: ['fri', 'mon', 'wed'] },
      'schedule cron "30 9 * * 1,3,5" America/New_York',
    ],
    [
      { time: '18:00', timezone: 'Asia/Tokyo', days: ['SUN', 'sat'] },
      'schedule cron "0 18 * * 0,6" Asia/Tokyo',
    ],
  ])('reads %j as %s does', (form, text) => {
    expect(scheduleFromForm(form)).toEqual(parseCommand(text));
  });

  it('refuses each bad field with its own message, the timezone with the command’s suggestion', () => {
    const result = scheduleFromForm({ time: '25:00', timezone: 'Europe/Berln', days: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((error) => error.field)).toEqual(['time', 'timezone', 'days']);
    expect(result.error[1]?.message).toContain('Did you mean Europe/Berlin?');
    // A tampered timezone that the command would read as days is still the timezone's error.
    for (const timezone of ['weekdays', 'daily', 'Mars/Olympus'])
      expect(scheduleFromForm({ time: '09:00', timezone, days: ['mon'] })).toMatchObject({
        ok: false,
        error: [{ field: 'timezone', message: expect.stringContaining(timezone) }],
      });
    expect(scheduleFromForm({ time: '09:00', timezone: 'UTC', days: ['funday'] })).toEqual({
      ok: false,
      error: [{ field: 'days', message: 'Tick at least one day of the week.' }],
    });
    expect(
      scheduleFromForm({ time: '09:00', timezone: 'UTC', days: 'fortnightly' as unknown as 'daily' }).ok,
    ).toBe(false);
  });
});
