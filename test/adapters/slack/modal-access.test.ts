import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf, viewText } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;
let adminsOnly: Awaited<ReturnType<typeof startSlackViews>>;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
  adminsOnly = await startSlackViews({ bot, handle, env: { SLACK_ADMIN_ONLY: 'true' } });
  for (const id of ['CMINE', 'CTHEIRS']) await bot.channels.ensure(slackChannel(id));
  for (const fake of [slack.fake, adminsOnly.fake]) {
    fake.conversations.join('UADA', ['CMINE']);
    fake.conversations.join('UBOSS', ['CMINE']);
  }
  adminsOnly.fake.makeAdmin('UBOSS');
});
afterAll(async () => {
  await slack?.close();
  await adminsOnly?.close();
  await handle?.close();
});

const settingsOf = async (channelId: string) => (await bot.channels.get(slackChannel(channelId)))?.settings;

async function settingsModalOf(harness: typeof slack, userId: string) {
  const person = harness.user(userId);
  const home = await person.openHome();
  await person.clickInView(home, 'home_settings', { value: 'CMINE', waitFor: 'views.update' });
  const modal = harness.fake.views.modalOf(userId);
  if (!modal) throw new Error('no modal');
  return { person, modal };
}

describe('who may change a channel from a modal', () => {
  it('refuses a submission whose private_metadata names a channel the person is not in, saving nothing', async () => {
    const before = await settingsOf('CTHEIRS');
    const { person, modal } = await settingsModalOf(slack, 'UADA');
    const { outcome } = await person.submit(
      modal,
      { top: '12' },
      { privateMetadata: JSON.stringify({ channel: 'CTHEIRS' }) },
    );
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Not saved');
    expect(outcome.action === 'update' && viewText(outcome.view.view)).toContain(
      'channels you are a member of',
    );
    expect(await settingsOf('CTHEIRS')).toEqual(before);
    expect((await settingsOf('CMINE'))?.top).toBe(5);
  });

  it('refuses private_metadata that paperboy did not write', async () => {
    for (const privateMetadata of [
      '',
      'CMINE',
      '{"channel":"<!channel>"}',
      '{"channel":"CMINE","home":-1}',
    ]) {
      const { person, modal } = await settingsModalOf(slack, 'UADA');
      const { outcome } = await person.submit(modal, { top: '12' }, { privateMetadata });
      expect(outcome.action === 'update' && titleOf(outcome.view.view), privateMetadata).toBe('Not saved');
    }
    expect((await settingsOf('CMINE'))?.top).toBe(5);
  });

  it('refuses a button naming a channel the person is not in', async () => {
    const person = slack.user('UADA');
    const home = await person.openHome();
    const forged = {
      ...home,
      view: {
        ...home.view,
        blocks: [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'home_settings',
                value: 'CTHEIRS',
                text: { type: 'plain_text', text: 'Settings' },
              },
            ],
          },
        ],
      },
    };
    await person.clickInView(forged, 'home_settings', { waitFor: 'views.update' });
    expect(titleOf(slack.fake.views.modalOf('UADA')?.view ?? {})).toBe('Not allowed');
  });

  it('with SLACK_ADMIN_ONLY, refuses a member who is not an admin, and lets an admin save', async () => {
    // Ada kept a modal from before SLACK_ADMIN_ONLY, or forged one: saving it is refused all the same.
    const { modal: kept } = await settingsModalOf(adminsOnly, 'UBOSS');
    const { outcome } = await adminsOnly.user('UADA').submit({ ...kept, userId: 'UADA' }, { top: '13' });
    expect(outcome.action === 'update' && viewText(outcome.view.view)).toContain(
      'Only workspace admins and owners',
    );
    expect((await settingsOf('CMINE'))?.top).toBe(5);

    const { person: boss, modal: bossModal } = await settingsModalOf(adminsOnly, 'UBOSS');
    const saved = await boss.submit(bossModal, { top: '13' });
    expect(saved.outcome.action === 'update' && titleOf(saved.outcome.view.view)).toBe('Saved');
    expect((await settingsOf('CMINE'))?.top).toBe(13);
  });
});
