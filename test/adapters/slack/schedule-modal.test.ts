import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import type { FakeInput } from '../../helpers/fake-slack-view-state.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf, viewText } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;
let channelCount = 0;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

const scheduleOf = async (channelId: string) =>
  (await bot.channels.get(slackChannel(channelId)))?.settings.schedule;

/**
 * A new channel paperboy knows and `userId` is in, its schedule set by `/papers schedule <schedule>` first when
 * given; opens its schedule modal from the person's App Home.
 */
async function openFromHome(userId = 'U1', schedule?: string) {
  channelCount += 1;
  const channelId = `CSCHED${channelCount}`;
  await bot.channels.ensure(slackChannel(channelId));
  if (schedule) await slack.command(`schedule ${schedule}`, channelId, userId);
  slack.fake.conversations.join(userId, [channelId]);
  const person = slack.user(userId);
  const home = await person.openHome();
  const { call } = await person.clickInView(home, 'home_edit_schedule', {
    value: channelId,
    waitFor: 'views.update',
  });
  expect(call?.answer.ok, JSON.stringify(call?.answer)).toBe(true);
  const modal = slack.fake.views.modalOf(userId);
  if (!modal) throw new Error('no modal open');
  return { person, modal, channelId };
}

/** Schedules as `/papers schedule` types them and as the modal sets them (days ticked Monday first). */
const SAME_SCHEDULES: [text: string, values: Record<string, FakeInput>][] = [
  [
    '09:30 Europe/Berlin weekdays',
    { time: '09:30', timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  ],
  [
    '07:05 America/New_York daily',
    { time: '07:05', timezone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
  ],
  ['cron "0 8 * * 1,3,5" Asia/Tokyo', { time: '08:00', timezone: 'Asia/Tokyo', days: ['mon', 'wed', 'fri'] }],
  ['off', { enabled: 'off' }],
];

describe('the schedule modal', () => {
  it('opens from the App Home with the channel’s schedule, the timezone menu served as the person types', async () => {
    const { person, modal, channelId } = await openFromHome();
    expect(JSON.parse(String(modal.view.private_metadata))).toEqual({ channel: channelId, home: 0 });
    const options = await person.suggest(modal, 'timezone', 'berl');
    expect(options.map((entry) => entry.value)).toContain('Europe/Berlin');
    expect((await person.suggest(modal, 'timezone', 'a')).length).toBeLessThanOrEqual(100);
    const blocks = modal.view.blocks as { block_id?: string; element?: Record<string, unknown> }[];
    const element = (blockId: string) => blocks.find((block) => block.block_id === blockId)?.element ?? {};
    expect(element('time')).toMatchObject({ type: 'timepicker', initial_time: '09:00' });
    expect(element('timezone')).toMatchObject({ type: 'external_select', initial_option: { value: 'UTC' } });
    expect((element('days').options as unknown[]).length).toBe(7);
  });

  it.each(SAME_SCHEDULES)(
    'saves what /papers schedule %s saves, and publishes the Home again',
    async (text, values) => {
      // Turning the digest off changes something only where it is on.
      const start = values.enabled === 'off' ? '09:00 UTC daily' : undefined;
      const { person, modal, channelId } = await openFromHome('U1', start);
      const byText = `${channelId}T`;
      if (start) await slack.command(`schedule ${start}`, byText, 'U1');
      await slack.command(`schedule ${text}`, byText, 'U1');
      if (typeof values.timezone === 'string') await person.suggest(modal, 'timezone', values.timezone);
      const { outcome, call } = await person.submit(
        modal,
        { enabled: 'on', ...values },
        { waitFor: 'views.publish' },
      );
      expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Saved');
      expect(await scheduleOf(channelId)).toEqual(await scheduleOf(byText));
      expect(call?.call.params.user_id).toBe('U1');
      if (values.enabled !== 'off')
        expect(viewText(slack.fake.views.homeOf('U1')?.view ?? {})).toContain(String(values.time));
    },
  );

  it('keeps a schedule /papers schedule set after the modal opened when the modal is saved untouched', async () => {
    const { person, modal, channelId } = await openFromHome();
    await slack.command('schedule 10:15 Europe/Berlin daily', channelId, 'U1');
    const before = await scheduleOf(channelId);
    const { outcome } = await person.submit(modal);
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('No changes');
    expect(await scheduleOf(channelId)).toEqual(before);
    expect(before).toMatchObject({ enabled: true, time: '10:15', timezone: 'Europe/Berlin' });
  });

  it('saves the whole schedule the modal shows when one of its inputs changed', async () => {
    const { person, modal, channelId } = await openFromHome('U1', '10:15 Europe/Berlin daily');
    const { outcome } = await person.submit(modal, { days: ['sat', 'sun'] }, { waitFor: 'views.publish' });
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Saved');
    expect(await scheduleOf(channelId)).toMatchObject({
      enabled: true,
      time: '10:15',
      timezone: 'Europe/Berlin',
      days: { kind: 'cron', expression: '15 10 * * 0,6' },
    });
  });

  it('refuses a tampered timezone (Mars/Olympus) under its menu and saves nothing', async () => {
    const { person, modal, channelId } = await openFromHome();
    expect(await person.suggest(modal, 'timezone', 'Mars/Olympus')).toEqual([]);
    const { outcome } = await person.submit(
      modal,
      { enabled: 'on', time: '09:00', timezone: 'Mars/Olympus', days: ['mon'] },
      { tampered: true },
    );
    expect(outcome).toMatchObject({
      action: 'errors',
      errors: { timezone: expect.stringContaining('Mars/Olympus') },
    });
    expect((await scheduleOf(channelId))?.enabled).toBe(false);
  });

  it('asks for at least one day when none is ticked', async () => {
    const { person, modal, channelId } = await openFromHome();
    const { outcome } = await person.submit(modal, { enabled: 'on', days: [] });
    expect(outcome).toMatchObject({
      action: 'errors',
      errors: { days: expect.stringContaining('Tick at least one day') },
    });
    expect((await scheduleOf(channelId))?.enabled).toBe(false);
  });

  it('names a cron schedule its controls cannot show', async () => {
    await slack.command('schedule cron "*/30 9-17 * * 1-5" Europe/Berlin', 'CSCHED99', 'U1');
    await bot.channels.ensure(slackChannel('CSCHED99'));
    slack.fake.conversations.join('UCRON', ['CSCHED99']);
    const person = slack.user('UCRON');
    const home = await person.openHome();
    await person.clickInView(home, 'home_edit_schedule', { value: 'CSCHED99', waitFor: 'views.update' });
    expect(viewText(slack.fake.views.modalOf('UCRON')?.view ?? {})).toContain('*/30 9-17 * * 1-5');
  });
});
