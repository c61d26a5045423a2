import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { CommandHooks } from '../../../src/core/bot/command-hooks.js';
import { handleText } from '../../../src/core/bot/handle-command.js';
import {
  submitScheduleForm,
  submitSettingsForm,
  submitSubscriptionsForm,
} from '../../../src/core/bot/submit-forms.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { openTestDatabase, resetTables } from '../../helpers/test-database.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const now = new Date('2026-06-12T10:00:00Z');
const context = { channel, now };
const refuseAll: CommandHooks = {
  before: async () => ({
    verdict: 'refuse',
    notice: { tone: 'warning', text: 'Only admins can change this.' },
  }),
};

describe('submitting forms', () => {
  let handle: DatabaseHandle;
  let bot: BotDependencies;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    bot = createStoreBotDependencies(handle.db, silentLogger);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await resetTables(handle);
    await bot.channels.ensure(channel);
  });

  const stored = async () => ({
    settings: (await bot.channels.get(channel))?.settings,
    terms: (await bot.subscriptions.list(channel)).map((term) => term.text),
  });

  it('saves a settings form as /papers config does, and nothing when the platform’s check refuses', async () => {
    const before = await stored();
    const refused = await submitSettingsForm(bot, context, { top: '7', threads: false }, refuseAll);
    expect(refused).toMatchObject({ kind: 'answered', reply: { outcome: 'refused' } });
    expect(await stored()).toEqual(before);

    const saved = await submitSettingsForm(bot, context, { top: '7', threads: false });
    expect(saved).toMatchObject({ kind: 'answered', reply: { outcome: 'ok', command: 'config' } });
    const byForm = await stored();
    await resetTables(handle);
    await handleText(bot, context, 'config top:7 threads:off');
    expect(await stored()).toEqual(byForm);
  });

  it('refuses a tampered settings form field by field, saving nothing', async () => {
    const before = await stored();
    const result = await submitSettingsForm(bot, context, {
      top: '999',
      sources: ['hf', 'not a source'],
      learn: false,
    });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid')
      expect(result.errors.map((error) => error.field)).toEqual(['top', 'sources']);
    expect(await stored()).toEqual(before);
  });

  it('saves a schedule form as /papers schedule does, turns it off, and refuses an unknown timezone', async () => {
    const before = await stored();
    const bad = await submitScheduleForm(bot, context, {
      time: '09:30',
      timezone: 'Mars/Olympus',
      days: ['mon'],
    });
    expect(bad).toMatchObject({ kind: 'invalid', errors: [{ field: 'timezone' }] });
    expect(await stored()).toEqual(before);

    await submitScheduleForm(bot, context, {
      time: '09:30',
      timezone: 'Europe/Berlin',
      days: ['mon', 'wed'],
    });
    const byForm = await stored();
    await resetTables(handle);
    await handleText(bot, context, 'schedule cron "30 9 * * 1,3" Europe/Berlin');
    expect(await stored()).toEqual(byForm);

    const off = await submitScheduleForm(bot, context, { time: '', timezone: '', days: [], enabled: false });
    expect(off).toMatchObject({ kind: 'answered', reply: { outcome: 'ok' } });
    expect((await stored()).settings?.schedule.enabled).toBe(false);
  });

  it('removes then adds subscriptions as the commands do, in one answer, and saves nothing on a bad term', async () => {
    await handleText(bot, context, 'subscribe lora -survey');
    const bad = await submitSubscriptionsForm(bot, context, { add: '"unclosed', remove: ['lora'] });
    expect(bad).toMatchObject({ kind: 'invalid', errors: [{ field: 'add' }] });
    expect((await stored()).terms).toEqual(['lora', '-survey']);

    const both = await submitSubscriptionsForm(bot, context, { add: '"vision language"', remove: ['LORA'] });
    expect(both.kind === 'answered' && both.reply.card.notices.map((notice) => notice.text)).toEqual([
      'Unsubscribed from lora.',
      'Subscribed to "vision language".',
    ]);
    const gone = await submitSubscriptionsForm(bot, context, { add: '', remove: ['lora'] });
    expect(gone.kind === 'answered' && gone.reply.card.notices[0]?.text).toBe(
      'This channel was not subscribed to lora.',
    );
    expect((await stored()).terms).toEqual(['-survey', '"vision language"']);

    const refused = await submitSubscriptionsForm(
      bot,
      context,
      { add: 'diffusion', remove: ['-survey'] },
      refuseAll,
    );
    expect(refused).toMatchObject({ kind: 'answered', reply: { outcome: 'refused' } });
    expect((await stored()).terms).toEqual(['-survey', '"vision language"']);

    const nothing = await submitSubscriptionsForm(bot, context, { add: ' ', remove: [] });
    expect(nothing).toMatchObject({ kind: 'answered', reply: { command: 'subscriptions' } });
  });
});
