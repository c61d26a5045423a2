import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import {
  submitScheduleForm,
  submitSettingsForm,
  submitSubscriptionsForm,
} from '../../../src/core/bot/submit-forms.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { daysOfTicks } from '../../../src/core/commands/form-values.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { botOn, GUILD_ID, NOW } from './discord-fixtures.js';
import { startDiscordFormDriver } from './discord-form-driver.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  bot = await botOn(handle);
});
afterAll(async () => handle?.close());

let channels = 0;
const channel = (): ChannelRef => ({
  platform: 'discord',
  workspaceId: GUILD_ID,
  channelId: `5300000000000${String(++channels).padStart(5, '0')}`,
});
const settingsOf = async (ref: ChannelRef) => (await bot.channels.get(ref))?.settings;

/** The driver on a channel of its own, closed after `use`. */
async function driving(use: (driver: Awaited<ReturnType<typeof startDiscordFormDriver>>) => Promise<void>) {
  const ref = channel();
  const driver = await startDiscordFormDriver({ bot, handle, channel: ref, now: () => NOW });
  try {
    await use(driver);
  } finally {
    await driver.close();
  }
  return ref;
}

describe('the Discord form driver', () => {
  it('sets every setting through the panel as the core form saves it', async () => {
    const form = {
      top: '7',
      'min-upvotes': '10',
      sources: ['hf', 'cs.LG'],
      threads: false,
      alerts: 'instant',
      empty: false,
      learn: 'off',
      shared: 'hide',
    };
    const driven = await driving((driver) => driver.settings(form));
    const core = channel();
    await submitSettingsForm(bot, { channel: core, now: NOW }, form);
    expect(await settingsOf(driven)).toEqual(await settingsOf(core));
  });

  it('sets a schedule (a zone on a later page, ticked days, a time), then turns it off', async () => {
    const values = { time: '07:45', timezone: 'America/New_York', days: ['mon', 'wed'] };
    const ref = channel();
    const driver = await startDiscordFormDriver({ bot, handle, channel: ref, now: () => NOW });
    await driver.schedule(values);
    const core = channel();
    await submitScheduleForm(bot, { channel: core, now: NOW }, { ...values, days: daysOfTicks(values.days) });
    expect(await settingsOf(ref)).toEqual(await settingsOf(core));
    await driver.schedule({ ...values, enabled: false });
    expect((await settingsOf(ref))?.schedule).toMatchObject({ enabled: false, timezone: 'America/New_York' });
    await driver.close();
  });

  it('refuses what the controls cannot offer as the core does: an unknown zone, top 999', async () => {
    const ref = await driving(async (driver) => {
      await driver.schedule({ time: '07:45', timezone: 'Mars/Olympus', days: ['mon'] });
      await driver.settings({ top: '999' });
      expect(driver.answers.at(-1)?.text).toContain('Not saved. top must be a whole number from 1 to 20');
    });
    const settings = await settingsOf(ref);
    expect(settings?.schedule.enabled).toBe(false);
    expect(settings?.top).toBe(5);
  });

  it('adds and removes subscriptions through the modal as the core form does', async () => {
    const add = { add: 'lora "vision language" -survey', remove: [] };
    const remove = { add: 'category:cs.CL', remove: ['lora', '"vision language"'] };
    const driven = await driving(async (driver) => {
      await driver.subscriptions(add);
      await driver.subscriptions(remove);
    });
    const core = channel();
    await submitSubscriptionsForm(bot, { channel: core, now: NOW }, add);
    await submitSubscriptionsForm(bot, { channel: core, now: NOW }, remove);
    const terms = async (ref: ChannelRef) => (await bot.subscriptions.list(ref)).map((term) => term.text);
    expect(await terms(driven)).toEqual(['-survey', 'category:cs.CL']);
    expect(await terms(driven)).toEqual(await terms(core));
  });
});
