import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import type { FakeInput } from '../../helpers/fake-slack-view-state.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf, viewText } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

const settingsOf = async (channelId: string) => (await bot.channels.get(slackChannel(channelId)))?.settings;

/** Opens the settings modal with the Edit button under `/papers settings` in `channelId`. */
async function openFromSettingsAnswer(channelId: string, userId = 'U1') {
  slack.fake.conversations.join(userId, [channelId]);
  const person = slack.user(userId);
  const { body, responseUrl } = await slack.command('settings', channelId, userId);
  const { call } = await person.clickInMessage(
    { blocks: body.blocks, channelId, responseUrl },
    'papers_edit_settings',
    {
      waitFor: 'views.update',
    },
  );
  expect(call?.answer.ok, JSON.stringify(call?.answer)).toBe(true);
  const modal = slack.fake.views.modalOf(userId);
  if (!modal) throw new Error('no modal open');
  return { person, modal };
}

/** Each setting as `/papers config` types it and as the modal's controls set it. */
const SAME_SETTINGS: [text: string, values: Record<string, FakeInput>][] = [
  ['top:7', { top: '7' }],
  ['min-upvotes:10', { 'min-upvotes': '10' }],
  ['sources:hf,cs.LG,stat.ML', { sources: ['hf', 'cs.LG', 'stat.ML'] }],
  ['threads:off', { threads: 'off' }],
  ['alerts:instant', { alerts: 'instant' }],
  ['empty:off', { empty: 'off' }],
  ['learn:off', { learn: 'off' }],
  ['shared:hide', { shared: 'hide' }],
  ['language:pt-BR', { language: 'pt-br' }],
  [
    'top:3 min-upvotes:0 sources:cs.CV threads:on alerts:digest empty:on learn:on shared:show',
    {
      top: '3',
      'min-upvotes': '0',
      sources: ['cs.CV'],
      threads: 'on',
      alerts: 'digest',
      empty: 'on',
      learn: 'on',
      shared: 'show',
    },
  ],
];

describe('the settings modal', () => {
  it('opens from the Edit button of /papers settings, showing the channel’s settings', async () => {
    await slack.command('config top:9 sources:hf,cs.CL', 'CSHOW', 'U1');
    const { modal } = await openFromSettingsAnswer('CSHOW');
    expect(modal.view.callback_id).toBe('paperboy_settings_form');
    expect(JSON.parse(String(modal.view.private_metadata))).toEqual({ channel: 'CSHOW' });
    const blocks = modal.view.blocks as { block_id?: string; element?: Record<string, unknown> }[];
    const element = (blockId: string) => blocks.find((block) => block.block_id === blockId)?.element ?? {};
    expect(element('top').initial_option).toMatchObject({ value: '9' });
    expect((element('sources').initial_options as { value: string }[]).map((entry) => entry.value)).toEqual([
      'hf',
      'cs.CL',
    ]);
    expect(blocks.filter((block) => block.element).map((block) => block.block_id)).toEqual([
      'top',
      'min-upvotes',
      'sources',
      'threads',
      'alerts',
      'empty',
      'learn',
      'shared',
      'language',
    ]);
    expect(element('language').initial_value).toBe('en');
  });

  it.each(SAME_SETTINGS)('saves what /papers config %s saves', async (text, values) => {
    const [byText, byModal] = [
      `CTXT${SAME_SETTINGS.findIndex(([entry]) => entry === text)}`,
      `CMOD${SAME_SETTINGS.findIndex(([entry]) => entry === text)}`,
    ];
    await slack.command(`config ${text}`, byText, 'U1');
    const { person, modal } = await openFromSettingsAnswer(byModal);
    const { outcome } = await person.submit(modal, values);
    expect(outcome.action).toBe('update');
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Saved');
    expect(await settingsOf(byModal)).toEqual(await settingsOf(byText));
  });

  it('keeps a category the channel follows that the menu does not list, as picked', async () => {
    await slack.command('config sources:hf,hep-th', 'COTHER', 'U1');
    const { person, modal } = await openFromSettingsAnswer('COTHER');
    expect(viewText(modal.view)).toContain('Also followed here');
    await person.submit(modal, { top: '4' });
    expect(await settingsOf('COTHER')).toMatchObject({ top: 4, sources: ['hf', 'hep-th'] });
  });

  it('refuses a tampered top of 999 and an unknown source inline, and saves nothing', async () => {
    await slack.command('config top:6', 'CTAMPER', 'U1');
    const before = await settingsOf('CTAMPER');
    const { person, modal } = await openFromSettingsAnswer('CTAMPER');
    const { outcome } = await person.submit(
      modal,
      { top: '999', sources: ['hf', 'not a category'], threads: 'maybe', 'min-upvotes': '5' },
      { tampered: true },
    );
    expect(outcome.action).toBe('errors');
    const errors = outcome.action === 'errors' ? outcome.errors : {};
    expect(Object.keys(errors).sort()).toEqual(['sources', 'threads', 'top']);
    expect(errors.top).toContain('999');
    expect(await settingsOf('CTAMPER')).toEqual(before);
  });

  it('keeps a setting /papers config changed after the modal opened, saving only what the modal changed', async () => {
    const { person, modal } = await openFromSettingsAnswer('CSTALE');
    await slack.command('config top:3', 'CSTALE', 'U1');
    const { outcome } = await person.submit(modal, { threads: 'off' });
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Saved');
    expect(await settingsOf('CSTALE')).toMatchObject({ top: 3, threads: false });
  });

  it('changes nothing when saved untouched, and says so with the channel’s settings', async () => {
    const { person, modal } = await openFromSettingsAnswer('CUNTOUCHED');
    await slack.command('config top:4 learn:off', 'CUNTOUCHED', 'U1');
    const { outcome } = await person.submit(modal);
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('No changes');
    expect(outcome.action === 'update' && viewText(outcome.view.view)).toContain('4');
    expect(await settingsOf('CUNTOUCHED')).toMatchObject({ top: 4, learn: false });
  });

  it('refuses a language no model could write, inline, and saves nothing', async () => {
    const { person, modal } = await openFromSettingsAnswer('CKLINGON');
    const { outcome } = await person.submit(modal, { language: 'klingon', top: '3' });
    expect(outcome).toMatchObject({
      action: 'errors',
      errors: { language: expect.stringContaining('klingon') },
    });
    expect(await settingsOf('CKLINGON')).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses a minimum of upvotes that is not a number, inline', async () => {
    const { person, modal } = await openFromSettingsAnswer('CWORDS');
    const { outcome } = await person.submit(modal, { 'min-upvotes': 'many' });
    expect(outcome).toMatchObject({
      action: 'errors',
      errors: { 'min-upvotes': expect.stringContaining('many') },
    });
    expect(await settingsOf('CWORDS')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('the settings of a person’s direct message with paperboy', () => {
  /** `/papers settings` in the Messages tab: the DM `conversations.open` gives for the person. */
  const DM = 'DDMUSER';

  it('opens from the Edit button under /papers settings there, and saves', async () => {
    const person = slack.user('UDMUSER');
    const { body, responseUrl } = await slack.command('settings', DM, 'UDMUSER');
    const { call } = await person.clickInMessage(
      { blocks: body.blocks, channelId: DM, responseUrl },
      'papers_edit_settings',
      { waitFor: 'views.update' },
    );
    expect(call?.answer.ok, JSON.stringify(call?.answer)).toBe(true);
    const modal = slack.fake.views.modalOf('UDMUSER');
    if (!modal) throw new Error('no modal open');
    expect(modal.view.callback_id).toBe('paperboy_settings_form');
    const { outcome } = await person.submit(modal, { top: '2' });
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Saved');
    expect((await settingsOf(DM))?.top).toBe(2);
  });

  it('refuses anyone else’s direct message, from a forged modal', async () => {
    const { person, modal } = await openFromSettingsAnswer('CMINEDM', 'UOTHER');
    const { outcome } = await person.submit(
      modal,
      { top: '19' },
      { privateMetadata: JSON.stringify({ channel: DM }) },
    );
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Not saved');
    expect(outcome.action === 'update' && viewText(outcome.view.view)).toContain('your own direct message');
    expect((await settingsOf(DM))?.top).not.toBe(19);
  });
});
