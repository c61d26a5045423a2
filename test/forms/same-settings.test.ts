import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../src/core/bot/handle-command.js';
import type { ChannelRef } from '../../src/core/channel.js';
import type { SettingsForm } from '../../src/core/commands/settings-form.js';
import { silentLogger } from '../../src/core/logger.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createStoreBotDependencies } from '../../src/store/store-bot-dependencies.js';
import { startDiscordFormDriver } from '../adapters/discord/discord-form-driver.js';
import { type FormDriver, startSlackFormDriver } from '../adapters/slack/slack-form-driver.js';
import { openTestDatabase, resetTables } from '../helpers/test-database.js';

/** Every setting as the text command types it and as the forms set it. */
const SETTINGS: [text: string, form: SettingsForm][] = [
  ['config top:7', { top: '7' }],
  ['config min-upvotes:25', { 'min-upvotes': '25' }],
  ['config sources:hf,cs.LG,cs.CL', { sources: ['hf', 'cs.LG', 'cs.CL'] }],
  ['config threads:off', { threads: false }],
  ['config alerts:instant', { alerts: 'instant' }],
  ['config empty:off', { empty: false }],
  ['config learn:off', { learn: false }],
  ['config shared:hide', { shared: 'hide' }],
  ['config language:ja', { language: 'ja' }],
];

const SCHEDULES: [
  text: string,
  form: { time: string; timezone: string; days: string[]; enabled?: boolean },
][] = [
  [
    'schedule 09:30 Europe/Berlin weekdays',
    { time: '09:30', timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  ],
  [
    'schedule 07:05 America/New_York daily',
    { time: '07:05', timezone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
  ],
  [
    'schedule cron "0 18 * * 1,3" Asia/Tokyo',
    { time: '18:00', timezone: 'Asia/Tokyo', days: ['mon', 'wed'] },
  ],
  ['schedule off', { time: '09:00', timezone: 'UTC', days: ['mon'], enabled: false }],
];

const SUBSCRIPTIONS: [text: string[], form: { add: string; remove: string[] }][] = [
  [['subscribe lora "vision language" -survey'], { add: 'lora "vision language" -survey', remove: [] }],
  [
    ['subscribe author:"Ilse Marrow" category:cs.CL'],
    { add: 'author:"Ilse Marrow" category:cs.CL', remove: [] },
  ],
  [['unsubscribe -survey', 'subscribe diffusion'], { add: 'diffusion', remove: ['-survey'] }],
];

/** What every case starts from: a channel with a few terms, so removing has something to remove. */
const START = 'subscribe lora -survey';

describe('the text commands, the Slack modals and the Discord panel store the same settings', () => {
  const refs: Record<'text' | 'slack' | 'discord', ChannelRef> = {
    text: { platform: 'console', workspaceId: 'local', channelId: 'local' },
    slack: { platform: 'slack', workspaceId: 'T1', channelId: 'C0FORMS' },
    discord: { platform: 'discord', workspaceId: '300000000000000001', channelId: '300000000000000002' },
  };
  const now = new Date('2026-06-12T10:00:00Z');
  let handle: DatabaseHandle;
  let bot: BotDependencies;
  let slack: FormDriver;
  let discord: FormDriver;

  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    bot = createStoreBotDependencies(handle.db, silentLogger);
    slack = await startSlackFormDriver({ bot, handle, channel: refs.slack });
    discord = await startDiscordFormDriver({ bot, handle, channel: refs.discord });
  });
  afterAll(async () => {
    await slack?.close();
    await discord?.close();
    await handle?.close();
  });
  beforeEach(async () => {
    await resetTables(handle);
    for (const ref of Object.values(refs)) await handleText(bot, { channel: ref, now }, START);
  });

  const stored = async (ref: ChannelRef) => ({
    settings: (await bot.channels.get(ref))?.settings,
    terms: (await bot.subscriptions.list(ref)).map((term) => term.text),
  });

  const expectSame = async () => {
    const byText = await stored(refs.text);
    expect(await stored(refs.slack)).toEqual(byText);
    expect(await stored(refs.discord)).toEqual(byText);
    return byText;
  };

  it.each(SETTINGS)('%s', async (text, form) => {
    const before = await stored(refs.text);
    await handleText(bot, { channel: refs.text, now }, text);
    await slack.settings(form);
    await discord.settings(form);
    expect(await expectSame()).not.toEqual(before);
  });

  it.each(SCHEDULES)('%s', async (text, form) => {
    await handleText(bot, { channel: refs.text, now }, 'schedule 12:00 UTC daily');
    await slack.schedule({
      time: '12:00',
      timezone: 'UTC',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    });
    await discord.schedule({
      time: '12:00',
      timezone: 'UTC',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    });
    const before = await expectSame();
    await handleText(bot, { channel: refs.text, now }, text);
    await slack.schedule(form);
    await discord.schedule(form);
    expect(await expectSame()).not.toEqual(before);
  });

  it.each(SUBSCRIPTIONS)('%j', async (texts, form) => {
    const before = await stored(refs.text);
    for (const text of texts) await handleText(bot, { channel: refs.text, now }, text);
    await slack.subscriptions(form);
    await discord.subscriptions(form);
    expect(await expectSame()).not.toEqual(before);
  });
});
