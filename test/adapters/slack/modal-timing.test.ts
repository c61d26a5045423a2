import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;

const ids = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(3, '0')}`);

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
  for (const id of ['CSLOW', 'CFIRST']) await bot.channels.ensure(slackChannel(id));
  // 450 channels before CSLOW: three pages of users.conversations until it is found.
  slack.fake.conversations.join('UBUSY', [...ids(450, 'CBUSY'), 'CSLOW']);
  slack.fake.conversations.join('UFIRST', ['CFIRST', ...ids(450, 'CMORE')]);
});
afterEach(() => slack.fake.clock.slowDown('users.conversations', 0));
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

/** The modal `userId` sees once the app filled it in, after checking that `views.open` took the trigger_id. */
async function filledIn(
  userId: string,
  click: () => Promise<{ call?: { answer: Record<string, unknown> } }>,
) {
  const updated = slack.fake.nextCall('views.update');
  const { call: opened } = await click();
  expect(opened?.answer.ok, JSON.stringify(opened?.answer)).toBe(true);
  const { answer } = await updated;
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  return slack.fake.views.modalOf(userId)?.view ?? {};
}

/** Clicks Edit settings under `/papers settings` in `channelId`; `before` runs between the answer and the click. */
async function editSettings(userId: string, channelId: string, before: () => void = () => {}) {
  const person = slack.user(userId);
  const { body, responseUrl } = await slack.command('settings', channelId, userId);
  before();
  return person.clickInMessage({ blocks: body.blocks, channelId, responseUrl }, 'papers_edit_settings', {
    waitFor: 'views.open',
  });
}

describe('a modal opened from a click while Slack is slow', () => {
  it('opens from the App Home before the trigger_id expires, though each users.conversations page takes 2 s', async () => {
    const person = slack.user('UBUSY');
    const home = await person.openHome();
    slack.fake.clock.slowDown('users.conversations', 2000);
    const modal = await filledIn('UBUSY', () =>
      person.clickInView(home, 'home_settings', { value: 'CSLOW', waitFor: 'views.open' }),
    );
    expect(modal.callback_id).toBe('paperboy_settings_form');
    expect(JSON.parse(String(modal.private_metadata))).toEqual({ channel: 'CSLOW', home: 0 });
  });

  it('opens from Edit settings under /papers settings, though users.conversations is slow', async () => {
    const modal = await filledIn('UBUSY', () =>
      editSettings('UBUSY', 'CSLOW', () => slack.fake.clock.slowDown('users.conversations', 2000)),
    );
    expect(modal.callback_id).toBe('paperboy_settings_form');
  });
});

describe('checking that a person is in a channel', () => {
  it('stops reading users.conversations at the page that has the channel, for opening and for saving', async () => {
    const before = slack.fake.callsTo('users.conversations').length;
    const modal = await filledIn('UFIRST', () => editSettings('UFIRST', 'CFIRST'));
    expect(titleOf(modal)).toBe('paperboy settings');
    expect(slack.fake.callsTo('users.conversations').length - before).toBe(1);

    const stored = slack.fake.views.modalOf('UFIRST');
    if (!stored) throw new Error('no modal');
    const saving = slack.fake.callsTo('users.conversations').length;
    const { outcome } = await slack.user('UFIRST').submit(stored, { top: '11' });
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Saved');
    expect(slack.fake.callsTo('users.conversations').length - saving).toBe(1);
    expect((await bot.channels.get(slackChannel('CFIRST')))?.settings.top).toBe(11);
  });

  it('reads on to the last page for a channel the person is not in, and refuses it', async () => {
    const before = slack.fake.callsTo('users.conversations').length;
    const modal = await filledIn('UFIRST', () => editSettings('UFIRST', 'CSLOW'));
    expect(titleOf(modal)).toBe('Not allowed');
    expect(slack.fake.callsTo('users.conversations').length - before).toBe(3);
  });
});
