import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { noticeCard } from '../../../src/core/cards/build-cards.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { channels, deliveries } from '../../../src/db/schema.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, viewText } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;
let adminsOnly: Awaited<ReturnType<typeof startSlackViews>>;

const ids = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(3, '0')}`);

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
  adminsOnly = await startSlackViews({ bot, handle, env: { SLACK_ADMIN_ONLY: 'true' } });
  for (const id of ['CHOME1', 'CHOME2', 'GHOME3', 'CNOTMINE']) await bot.channels.ensure(slackChannel(id));
  await bot.channels.ensure({ platform: 'slack', workspaceId: 'T2', channelId: 'CHOME1X' });
  await bot.channels.setActive(slackChannel('CHOME2'), false, 'channel_not_found');
  await bot.subscriptions.add(slackChannel('CHOME1'), [{ kind: 'word', value: 'lora', text: 'lora' }]);
  const channelRow = (await handle.db.select().from(channels)).find((entry) => entry.channelId === 'GHOME3');
  await handle.db.insert(deliveries).values({
    channelId: channelRow?.id ?? -1,
    platform: 'slack',
    slotId: null,
    kind: 'digest',
    card: noticeCard({ tone: 'info', text: 'digest' }),
    idempotencyKey: 'GHOME3:failing',
    status: 'failed',
    attempts: 3,
    lastError: 'ratelimited',
    nextAttemptAt: new Date('2026-06-13T12:30:00Z'),
    createdAt: new Date('2026-06-13T11:00:00Z'),
  });
  // Ada is in three of the channels paperboy knows here, in one it does not know, and in the other workspace's.
  slack.fake.conversations.join('UADA', ['CHOME1', 'CHOME2', 'GHOME3', 'CUNKNOWN', 'CHOME1X']);
  for (const id of ids(30, 'CPAGE')) await bot.channels.ensure(slackChannel(id));
  slack.fake.conversations.join('UMANY', ids(30, 'CPAGE'));
});
afterAll(async () => {
  await slack?.close();
  await adminsOnly?.close();
  await handle?.close();
});

describe('the App Home', () => {
  it('lists only the channels paperboy knows here that the person is in, each with its settings and buttons', async () => {
    const home = await slack.user('UADA').openHome();
    const text = viewText(home.view);
    expect(home.view.type).toBe('home');
    for (const id of ['CHOME1', 'CHOME2', 'GHOME3']) expect(text).toContain(`<#${id}>`);
    for (const id of ['CNOTMINE', 'CUNKNOWN', 'CHOME1X']) expect(text).not.toContain(id);
    expect(text).toContain('Subscriptions: lora');
    expect(text).toContain('Digest: ');
    const buttons = (
      home.view.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    )
      .filter((block) => block.type === 'actions')
      .flatMap((block) => block.elements ?? []);
    expect(buttons.filter((button) => button.value === 'CHOME1').map((button) => button.action_id)).toEqual([
      'home_edit_schedule',
      'home_edit_subscriptions',
      'home_settings',
      'home_preview',
      'home_post_now',
    ]);
    expect(slack.fake.callsTo('users.conversations').at(-1)?.params).toMatchObject({
      user: 'UADA',
      types: 'public_channel,private_channel',
    });
  });

  it('marks the channels where posting stopped or is failing', async () => {
    const home = await slack.user('UADA').openHome();
    const problems = (home.view.blocks as { type: string; elements?: { text: string }[] }[])
      .filter((block) => block.type === 'context')
      .map((block) => block.elements?.[0]?.text ?? '')
      .filter((text) => text.includes('Problem'));
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain('Inactive: paperboy stopped posting here (channel_not_found)');
    expect(problems.join('\n')).toContain('Posting is failing (3 attempts, ratelimited)');
  });

  it('pages 30 channels 20 at a time with Next and Previous, each page within a view’s limits', async () => {
    const person = slack.user('UMANY');
    const first = await person.openHome();
    const shown = (view: typeof first) => (viewText(view.view).match(/<#CPAGE\d+>/g) ?? []).length;
    expect(shown(first)).toBe(20);
    expect(viewText(first.view)).toContain('1–20 of 30');
    expect((first.view.blocks as unknown[]).length).toBeLessThanOrEqual(100);

    const { call } = await person.clickInView(first, 'home_page_next', { waitFor: 'views.publish' });
    expect(call?.answer.ok).toBe(true);
    const second = slack.fake.views.homeOf('UMANY');
    if (!second) throw new Error('no Home');
    expect(shown(second)).toBe(10);
    expect(viewText(second.view)).toContain('<#CPAGE030>');
    expect(viewText(second.view)).not.toContain('<#CPAGE001>');
    expect(viewText(second.view)).not.toContain('home_page_next');

    await person.clickInView(second, 'home_page_previous', { waitFor: 'views.publish' });
    expect(viewText(slack.fake.views.homeOf('UMANY')?.view ?? {})).toContain('<#CPAGE001>');
  });

  it('reads all of a person’s channels from users.conversations, page by page', async () => {
    const before = slack.fake.callsTo('users.conversations').length;
    slack.fake.conversations.join('UBUSY', [...ids(450, 'CBUSY'), 'CHOME1']);
    const home = await slack.user('UBUSY').openHome();
    expect(viewText(home.view)).toContain('<#CHOME1>');
    const pages = slack.fake.callsTo('users.conversations').slice(before);
    expect(pages.map((call) => call.params.cursor === undefined)).toEqual([true, false, false]);
  });

  it('says how to start to someone in none of paperboy’s channels', async () => {
    const home = await slack.user('ULONELY').openHome();
    expect(viewText(home.view)).toContain('/invite @paperboy');
    expect(viewText(home.view)).toContain('/papers help');
    expect(viewText(home.view)).not.toContain('home_edit');
  });

  it('with SLACK_ADMIN_ONLY, tells a member who is not an admin that only admins change settings, without buttons', async () => {
    adminsOnly.fake.conversations.join('UADA', ['CHOME1']);
    const home = await adminsOnly.user('UADA').openHome();
    expect(viewText(home.view)).toContain('Only workspace admins and owners');
    expect(viewText(home.view)).not.toContain('button');

    adminsOnly.fake.makeAdmin('UBOSS');
    adminsOnly.fake.conversations.join('UBOSS', ['CHOME1']);
    const admins = await adminsOnly.user('UBOSS').openHome();
    expect(viewText(admins.view)).toContain('<#CHOME1>');
    expect(viewText(admins.view)).toContain('home_edit_schedule');
  });
});
