import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../../src/core/bot/handle-command.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { type FormDriver, startSlackFormDriver } from './slack-form-driver.js';
import { NOW, openBotDatabase } from './slack-harness.js';
import { slackChannel } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let driver: FormDriver;
const byForm: ChannelRef = { platform: 'slack', workspaceId: 'T7', channelId: 'CFORM' };
const byText = slackChannel('CTEXT');

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  driver = await startSlackFormDriver({ bot, handle, channel: byForm, userId: 'UDRIVER' });
});
afterAll(async () => {
  await driver?.close();
  await handle?.close();
});

const text = (command: string) => handleText(bot, { channel: byText, now: NOW }, command);
const settingsOf = async (ref: ChannelRef) => (await bot.channels.get(ref))?.settings;

describe('the Slack form driver', () => {
  it('sets settings, a schedule and subscriptions as the text commands do', async () => {
    await driver.settings({ top: '7', sources: ['hf', 'cs.LG'], threads: false, alerts: 'instant' });
    await text('config top:7 sources:hf,cs.LG threads:off alerts:instant');
    await driver.schedule({ time: '08:15', timezone: 'Europe/Berlin', days: ['mon', 'thu'] });
    await text('schedule cron "15 8 * * 1,4" Europe/Berlin');
    await driver.subscriptions({ add: 'lora "vision language" -survey', remove: [] });
    await text('subscribe lora "vision language" -survey');
    await driver.subscriptions({ add: 'mamba', remove: ['lora'] });
    await text('unsubscribe lora');
    await text('subscribe mamba');
    expect(await settingsOf(byForm)).toEqual(await settingsOf(byText));
    const terms = async (ref: ChannelRef) => (await bot.subscriptions.list(ref)).map((term) => term.text);
    expect(await terms(byForm)).toEqual(await terms(byText));
    expect(await terms(byForm)).toEqual(['"vision language"', '-survey', 'mamba']);
  });

  it('refuses what the commands refuse, and saves nothing', async () => {
    const before = await settingsOf(byForm);
    await driver.settings({ top: '999' });
    await driver.schedule({ time: '09:00', timezone: 'Mars/Olympus', days: ['mon'] });
    expect(await settingsOf(byForm)).toEqual(before);
  });
});
