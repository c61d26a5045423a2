import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import type { AnsweredCall } from '../../helpers/fake-slack.js';
import { slackError } from '../../helpers/fake-slack.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf, viewText, watchedLogger } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;
const log = watchedLogger();
/** What fails now: Slack's `users.conversations` for these people, the store's subscription list. */
const failing = { conversationsOf: new Set<string>(), closingFor: new Set<string>(), subscriptions: false };

const SORRY = 'Something went wrong on our side';

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  const flaky: BotDependencies = {
    ...bot,
    subscriptions: {
      ...bot.subscriptions,
      list: async (...args) => {
        if (failing.subscriptions) throw new Error('the database went away');
        return bot.subscriptions.list(...args);
      },
    },
  };
  slack = await startSlackViews({ bot: flaky, handle, logger: log.logger });
  await bot.channels.ensure(slackChannel('CFAIL'));
  for (const userId of ['UADA', 'UBEA', 'UCAL']) slack.fake.conversations.join(userId, ['CFAIL']);
  slack.fake.rule('users.conversations', (params) => {
    const userId = String(params.user);
    if (failing.closingFor.has(userId)) slack.fake.views.dismiss(userId);
    return failing.conversationsOf.has(userId) ? slackError('internal_error') : undefined;
  });
});
beforeEach(() => {
  failing.conversationsOf.clear();
  failing.closingFor.clear();
  failing.subscriptions = false;
  log.lines.length = 0;
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

/**
 * `work`, unless a listener throws first: Bolt's own line for a listener that threw (what these failures led to
 * before the listeners caught them) ends the wait at once, instead of a test timing out.
 */
async function unlessThrown<T>(work: Promise<T>): Promise<T> {
  const threw = log
    .next((line) => line.message === 'Slack listener failed')
    .then((line) => ({ threw: line }));
  const first = await Promise.race([work.then((value) => ({ value })), threw]);
  if ('threw' in first) throw new Error(`the listener threw: ${String(first.threw.fields.error)}`);
  return first.value;
}

/** The `views.update` the app makes after `act`. */
async function nextUpdate(act: () => Promise<unknown>): Promise<AnsweredCall> {
  const updated = slack.fake.nextCall('views.update');
  await act();
  return unlessThrown(updated);
}

const errorsLogged = () => log.lines.filter((line) => line.level === 'error');

describe('when Slack or the store fails, the person still gets an answer', () => {
  it('the App Home says so when listing the channels fails, and the failure is logged', async () => {
    failing.conversationsOf.add('UADA');
    await unlessThrown(slack.user('UADA').openHome());
    expect(viewText(slack.fake.views.homeOf('UADA')?.view ?? {})).toContain(SORRY);
    expect(errorsLogged().map((line) => line.message)).toEqual([
      'could not build the App Home; it says so instead',
    ]);
  });

  it('a channel modal says sorry when checking membership fails, and the failure is logged', async () => {
    const person = slack.user('UADA');
    const home = await person.openHome();
    failing.conversationsOf.add('UADA');
    const { answer } = await nextUpdate(() => person.clickInView(home, 'home_settings', { value: 'CFAIL' }));
    expect(answer.ok).toBe(true);
    const modal = slack.fake.views.modalOf('UADA')?.view ?? {};
    expect(titleOf(modal)).toBe('paperboy settings');
    expect(viewText(modal)).toContain(SORRY);
    expect(errorsLogged()).toHaveLength(1);
  });

  it('Preview digest says sorry in its modal when the work fails', async () => {
    const person = slack.user('UBEA');
    const home = await person.openHome();
    failing.conversationsOf.add('UBEA');
    await nextUpdate(() => person.clickInView(home, 'home_preview', { value: 'CFAIL' }));
    const modal = slack.fake.views.modalOf('UBEA')?.view ?? {};
    expect(titleOf(modal)).toBe('Digest preview');
    expect(viewText(modal)).toContain(SORRY);
    expect(errorsLogged()).toHaveLength(1);
  });

  it('a modal the person closed before it was filled in is only a warning', async () => {
    const person = slack.user('UCAL');
    const home = await person.openHome();
    failing.closingFor.add('UCAL');
    const done = log.next((line) => line.level === 'warn' || line.level === 'error');
    const { answer } = await nextUpdate(() => person.clickInView(home, 'home_preview', { value: 'CFAIL' }));
    expect(answer.error).toBe('not_found');
    expect(await done).toMatchObject({ level: 'warn', fields: { code: 'not_found' } });
    expect(errorsLogged()).toEqual([]);
  });

  it('a settings modal whose membership check fails on saving answers "Not saved", and logs it', async () => {
    const person = slack.user('UADA');
    const home = await person.openHome();
    await nextUpdate(() => person.clickInView(home, 'home_settings', { value: 'CFAIL' }));
    const modal = slack.fake.views.modalOf('UADA');
    if (!modal) throw new Error('no modal');
    failing.conversationsOf.add('UADA');
    const { outcome } = await unlessThrown(person.submit(modal, { top: '17' }));
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Not saved');
    expect(outcome.action === 'update' && viewText(outcome.view.view)).toContain(SORRY);
    expect(errorsLogged()).toHaveLength(1);
    expect((await bot.channels.get(slackChannel('CFAIL')))?.settings.top).toBe(5);
  });

  it('a subscriptions modal whose store read fails on saving answers "Not saved", and logs it', async () => {
    const person = slack.user('UBEA');
    const home = await person.openHome();
    await nextUpdate(() => person.clickInView(home, 'home_edit_subscriptions', { value: 'CFAIL' }));
    const modal = slack.fake.views.modalOf('UBEA');
    if (!modal) throw new Error('no modal');
    failing.subscriptions = true;
    const { outcome } = await unlessThrown(person.submit(modal, { add: 'lora' }));
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Not saved');
    expect(errorsLogged()).toHaveLength(1);
  });

  it('the shortcut’s channel picker answers "Not saved" when checking the channel fails', async () => {
    const person = slack.user('UCAL');
    await person.shortcut('paperboy_settings', { waitFor: 'views.open' });
    const picker = slack.fake.views.modalOf('UCAL');
    if (!picker) throw new Error('no picker');
    failing.conversationsOf.add('UCAL');
    const { outcome } = await unlessThrown(person.submit(picker, { channel: 'CFAIL' }));
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Not saved');
    expect(errorsLogged()).toHaveLength(1);
  });
});
