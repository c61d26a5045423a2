import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
  slack.fake.conversations.join('UADA', ['CPICK', 'CNOBOT']);
  slack.fake.conversations.removeBot('CNOBOT');
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

async function pickerOf(userId: string) {
  const person = slack.user(userId);
  const { call } = await person.shortcut('paperboy_settings', { waitFor: 'views.open' });
  expect(call?.answer.ok, JSON.stringify(call?.answer)).toBe(true);
  const picker = slack.fake.views.modalOf(userId);
  if (!picker) throw new Error('no modal');
  return { person, picker };
}

describe('the "paperboy settings" shortcut', () => {
  it('asks for a channel (public and private, no DMs or bots), then becomes that channel’s settings modal', async () => {
    const { person, picker } = await pickerOf('UADA');
    const [block] = picker.view.blocks as { block_id: string; element: Record<string, unknown> }[];
    expect(block?.element).toMatchObject({
      type: 'conversations_select',
      filter: { include: ['public', 'private'], exclude_bot_users: true },
    });
    const { outcome } = await person.submit(picker, { channel: 'CPICK' });
    expect(outcome.action).toBe('update');
    const settings = outcome.action === 'update' ? outcome.view : picker;
    expect(settings.view.callback_id).toBe('paperboy_settings_form');
    expect(JSON.parse(String(settings.view.private_metadata))).toEqual({ channel: 'CPICK' });

    const saved = await person.submit(settings, { top: '8', learn: 'off' });
    expect(saved.outcome.action === 'update' && titleOf(saved.outcome.view.view)).toBe('Saved');
    expect((await bot.channels.get(slackChannel('CPICK')))?.settings).toMatchObject({ top: 8, learn: false });
  });

  it('answers a channel paperboy is not in with an inline error', async () => {
    const { person, picker } = await pickerOf('UADA');
    const { outcome } = await person.submit(picker, { channel: 'CNOBOT' });
    expect(outcome).toMatchObject({
      action: 'errors',
      errors: { channel: expect.stringContaining('/invite @paperboy') },
    });
  });

  it('answers a channel the person is not in with an inline error', async () => {
    const { person, picker } = await pickerOf('UADA');
    const { outcome } = await person.submit(picker, { channel: 'CELSEWHERE' });
    expect(outcome).toMatchObject({
      action: 'errors',
      errors: { channel: expect.stringContaining('member') },
    });
    expect(await bot.channels.get(slackChannel('CELSEWHERE'))).toBeNull();
  });
});
