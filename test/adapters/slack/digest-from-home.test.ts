import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { slackError } from '../../helpers/fake-slack.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf, viewText } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
  for (const id of ['CDIGEST', 'CGONE', 'CLEFT']) await bot.channels.ensure(slackChannel(id));
  slack.fake.conversations.join('UADA', ['CDIGEST', 'CGONE', 'CLEFT']);
  slack.fake.conversations.removeBot('CLEFT');
  slack.fake.rule('chat.postMessage', (params) =>
    params.channel === 'CGONE' ? slackError('not_in_channel') : undefined,
  );
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

/** Clicks a channel's button on Ada's Home; resolves with the modal once the app filled it in. */
async function clickOnHome(actionId: string, channelId: string) {
  const person = slack.user('UADA');
  const home = await person.openHome();
  const { call } = await person.clickInView(home, actionId, { value: channelId, waitFor: 'views.update' });
  expect(call?.answer.ok, JSON.stringify(call?.answer)).toBe(true);
  return slack.fake.views.modalOf('UADA')?.view ?? {};
}

describe('digests from the App Home', () => {
  it('Preview digest shows the next digest in a modal, and posts nothing', async () => {
    const before = slack.fake.callsTo('chat.postMessage').length;
    const modal = await clickOnHome('home_preview', 'CDIGEST');
    expect(titleOf(modal)).toBe('Digest preview');
    expect(viewText(modal)).toContain('Preview of your next digest');
    expect((modal.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    expect(slack.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('Post digest now posts the digest to the channel and says so', async () => {
    const modal = await clickOnHome('home_post_now', 'CDIGEST');
    expect(titleOf(modal)).toBe('Digest posted');
    expect(viewText(modal)).toContain('<#CDIGEST>');
    const posted = slack.fake.messages.all().filter((message) => message.channel === 'CDIGEST');
    expect(posted.length).toBeGreaterThan(0);
    expect(JSON.stringify(posted[0]?.blocks)).toContain('header');
    expect(slack.fake.callsTo('chat.postMessage').at(-1)?.params).toMatchObject({ unfurl_links: 'false' });
  });

  it('tells how to invite paperboy to a channel it is not in, before building anything', async () => {
    const before = slack.fake.callsTo('chat.postMessage').length;
    const modal = await clickOnHome('home_post_now', 'CLEFT');
    expect(titleOf(modal)).toBe('Not posted');
    expect(viewText(modal)).toContain('/invite @paperboy');
    expect(slack.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('tells how to invite paperboy when Slack answers not_in_channel', async () => {
    const modal = await clickOnHome('home_post_now', 'CGONE');
    expect(titleOf(modal)).toBe('Not posted');
    expect(viewText(modal)).toContain('/invite @paperboy');
  });
});
