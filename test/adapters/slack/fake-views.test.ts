import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleModal } from '../../../src/adapters/slack/schedule-modal.js';
import { settingsModal } from '../../../src/adapters/slack/settings-modal.js';
import { subscriptionsModal } from '../../../src/adapters/slack/subscriptions-modal.js';
import { DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { slackViewErrors } from '../../helpers/fake-slack-view-rules.js';
import { stateValuesOf } from '../../helpers/fake-slack-view-state.js';

let fake: FakeSlack;
let client: webApi.WebClient;

beforeAll(async () => {
  fake = await startFakeSlack();
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => fake?.close());

const text = (value: string) => ({ type: 'plain_text' as const, text: value });
const option = (value: string) => ({ text: text(value), value });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: text('Title'),
  submit: text('Save'),
  blocks,
  ...extra,
});
const input = (blockId: string, element: Record<string, unknown>) => ({
  type: 'input',
  block_id: blockId,
  label: text('Label'),
  element,
});

const slackError = async (call: Promise<unknown>) =>
  call.then(
    () => 'ok',
    (error: { data?: { error?: string; response_metadata?: { messages?: string[] } } }) =>
      `${error.data?.error}: ${(error.data?.response_metadata?.messages ?? []).join(' | ')}`,
  );

describe('the fake Slack checks views as Slack does', () => {
  it.each([
    ['a title over 24 characters', modal([], { title: text('x'.repeat(25)) }), '/view/title/text'],
    ['more than 100 blocks', modal(Array.from({ length: 101 }, () => ({ type: 'divider' }))), '/view/blocks'],
    [
      'an input without a submit button',
      { type: 'modal', title: text('T'), blocks: [input('a', { type: 'timepicker' })] },
      '/view/submit',
    ],
    [
      '11 checkboxes',
      modal([
        input('a', { type: 'checkboxes', options: Array.from({ length: 11 }, (_, i) => option(`o${i}`)) }),
      ]),
      '/view/blocks/0/element/options',
    ],
    [
      '101 menu options',
      modal([
        input('a', {
          type: 'static_select',
          options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)),
        }),
      ]),
      '/view/blocks/0/element/options',
    ],
    [
      'an initial option that is not offered',
      modal([input('a', { type: 'radio_buttons', options: [option('on')], initial_option: option('off') })]),
      'initial_option',
    ],
    [
      'an option text over 75',
      modal([input('a', { type: 'static_select', options: [{ text: text('x'.repeat(76)), value: 'x' }] })]),
      '/options/0/text/text',
    ],
    [
      'an option value over 150',
      modal([input('a', { type: 'static_select', options: [{ text: text('x'), value: 'x'.repeat(151) }] })]),
      '/options/0/value',
    ],
    [
      'a time that is not HH:mm',
      modal([input('a', { type: 'timepicker', initial_time: '9:00' })]),
      'initial_time',
    ],
    [
      'a text input longer than 3000',
      modal([input('a', { type: 'plain_text_input', max_length: 3001 })]),
      'max_length',
    ],
    [
      'an input label over 2000',
      modal([{ ...input('a', { type: 'timepicker' }), label: text('x'.repeat(2001)) }]),
      '/label/text',
    ],
    [
      'a repeated block_id',
      modal([input('a', { type: 'timepicker' }), input('a', { type: 'timepicker' })]),
      'duplicate block_id',
    ],
    [
      'a repeated action_id in a block',
      modal([
        {
          type: 'actions',
          elements: [
            { type: 'button', text: text('a'), action_id: 'x' },
            { type: 'button', text: text('b'), action_id: 'x' },
          ],
        },
      ]),
      'duplicate action_id',
    ],
    [
      'private_metadata over 3000',
      modal([], { private_metadata: 'x'.repeat(3001) }),
      '/view/private_metadata',
    ],
    ['a callback_id over 255', modal([], { callback_id: 'x'.repeat(256) }), '/view/callback_id'],
    [
      'a block type paperboy does not send',
      modal([{ type: 'image', image_url: 'https://x', alt_text: 'x' }]),
      'block type',
    ],
  ])('refuses %s with invalid_arguments', async (_, view, pointer) => {
    const answer = await slackError(
      client.views.open({ trigger_id: fake.views.mintTrigger('U1'), view: view as never }),
    );
    expect(answer).toMatch(/^invalid_arguments: \[ERROR\]/);
    expect(answer).toContain(pointer);
  });

  it('takes a good modal once per trigger_id, and only trigger_ids Slack handed out', async () => {
    const view = modal([input('time', { type: 'timepicker', initial_time: '09:30' })]) as never;
    const trigger = fake.views.mintTrigger('U1');
    expect(await slackError(client.views.open({ trigger_id: trigger, view }))).toBe('ok');
    expect(await slackError(client.views.open({ trigger_id: trigger, view }))).toBe('expired_trigger_id: ');
    expect(await slackError(client.views.open({ trigger_id: '123.456.abc', view }))).toBe(
      'invalid_trigger_id: ',
    );
    expect(fake.views.modalOf('U1')?.view).toMatchObject({ type: 'modal' });
  });

  it('expires a trigger_id 3 seconds after Slack handed it out, on the fake’s clock', async () => {
    const view = modal([]) as never;
    const fresh = fake.views.mintTrigger('U1');
    fake.clock.advance(2999);
    expect(await slackError(client.views.open({ trigger_id: fresh, view }))).toBe('ok');
    const old = fake.views.mintTrigger('U1');
    fake.clock.advance(3000);
    expect(await slackError(client.views.open({ trigger_id: old, view }))).toBe('expired_trigger_id: ');
  });

  it('lets a slowed-down method take time on the fake’s clock, so a trigger_id expires meanwhile', async () => {
    const trigger = fake.views.mintTrigger('U1');
    fake.clock.slowDown('users.conversations', 1500);
    for (let call = 0; call < 2; call++) await client.users.conversations({ user: 'U1' });
    fake.clock.slowDown('users.conversations', 0);
    await client.users.conversations({ user: 'U1' });
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal([]) as never }))).toBe(
      'expired_trigger_id: ',
    );
    const later = fake.views.mintTrigger('U1');
    await client.users.conversations({ user: 'U1' });
    expect(await slackError(client.views.open({ trigger_id: later, view: modal([]) as never }))).toBe('ok');
  });

  it('answers views.update with not_found once the person closed the modal', async () => {
    const opened = await client.views.open({
      trigger_id: fake.views.mintTrigger('UCLOSER'),
      view: modal([]) as never,
    });
    fake.views.dismiss('UCLOSER');
    expect(fake.views.modalOf('UCLOSER')).toBeUndefined();
    expect(
      await slackError(client.views.update({ view_id: opened.view?.id ?? '', view: modal([]) as never })),
    ).toBe('not_found: ');
  });

  it('publishes a Home only for a user_id, only of type home', async () => {
    expect(
      await slackError(client.views.publish({ user_id: '', view: { type: 'home', blocks: [] } })),
    ).toMatch(/^invalid_arguments/);
    expect(await slackError(client.views.publish({ user_id: 'U1', view: modal([]) as never }))).toContain(
      '/view/type',
    );
    expect(
      await slackError(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })),
    ).toBe('ok');
  });

  it('updates a view only with its current hash', async () => {
    const opened = await client.views.open({
      trigger_id: fake.views.mintTrigger('U2'),
      view: modal([]) as never,
    });
    const id = opened.view?.id ?? '';
    expect(
      await slackError(client.views.update({ view_id: id, hash: 'stale', view: modal([]) as never })),
    ).toBe('hash_conflict: ');
    expect(
      await slackError(
        client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal([]) as never }),
      ),
    ).toBe('ok');
    expect(await slackError(client.views.update({ view_id: 'VNONE', view: modal([]) as never }))).toBe(
      'not_found: ',
    );
  });

  it('refuses response_action errors about blocks that are not inputs of the view', async () => {
    const opened = await client.views.open({
      trigger_id: fake.views.mintTrigger('U3'),
      view: modal([
        { type: 'section', block_id: 'intro', text: text('x') },
        input('time', { type: 'timepicker' }),
      ]) as never,
    });
    const id = opened.view?.id ?? '';
    expect(() =>
      fake.views.respond(id, JSON.stringify({ response_action: 'errors', errors: { intro: 'no' } })),
    ).toThrow(/not inputs/);
    expect(
      fake.views.respond(id, JSON.stringify({ response_action: 'errors', errors: { time: 'Pick a time' } })),
    ).toEqual({
      action: 'errors',
      errors: { time: 'Pick a time' },
    });
    expect(() =>
      fake.views.respond(
        id,
        JSON.stringify({ response_action: 'update', view: modal([], { title: text('x'.repeat(30)) }) }),
      ),
    ).toThrow(/invalid view/);
  });

  it('sends state.values as Slack does, and only forged values Slack would never send when asked to', () => {
    const view = modal([
      input('top', {
        type: 'static_select',
        action_id: 'choice',
        options: [option('1'), option('2')],
        initial_option: option('2'),
      }),
      input('time', { type: 'timepicker', action_id: 'time', initial_time: '09:00' }),
      input('days', { type: 'checkboxes', action_id: 'days', options: [option('mon'), option('tue')] }),
    ]);
    expect(stateValuesOf(view, { days: ['tue'] })).toEqual({
      top: { choice: { type: 'static_select', selected_option: option('2') } },
      time: { time: { type: 'timepicker', selected_time: '09:00' } },
      days: { days: { type: 'checkboxes', selected_options: [option('tue')] } },
    });
    expect(() => stateValuesOf(view, { top: '999' })).toThrow(/tampered/);
    expect(() => stateValuesOf(view, { days: [] })).toThrow(/required/);
    expect(
      stateValuesOf(view, { top: '999' }, { tampered: true }).top?.choice?.selected_option,
    ).toMatchObject({ value: '999' });
  });
});

describe('users.conversations in the fake Slack', () => {
  it('pages a person’s channels by cursor', async () => {
    const channels = Array.from({ length: 5 }, (_, index) => `C${index}X`);
    fake.conversations.join('UPAGED', [...channels, 'GPRIVATE']);
    const first = await client.users.conversations({ user: 'UPAGED', types: 'public_channel', limit: 3 });
    expect(first.channels?.map((channel) => channel.id)).toEqual(['C0X', 'C1X', 'C2X']);
    const cursor = first.response_metadata?.next_cursor ?? '';
    const second = await client.users.conversations({
      user: 'UPAGED',
      types: 'public_channel',
      limit: 3,
      cursor,
    });
    expect(second.channels?.map((channel) => channel.id)).toEqual(['C3X', 'C4X']);
    expect(second.response_metadata?.next_cursor).toBe('');
  });
});

describe('paperboy’s modals at their largest', () => {
  it('pass Slack’s rules: 20 sources picked (some no menu lists), 50 terms, a cron schedule', () => {
    const sources = [
      'hf',
      'cs.LG',
      'hep-th',
      'astro-ph.CO',
      ...Array.from({ length: 16 }, (_, index) => `x${index}.AB`),
    ];
    const metadata = { channelId: 'C0123456789', homeOffset: 980 };
    const terms = Array.from({ length: 50 }, (_, index) => ({
      kind: 'word' as const,
      value: `t${index}`,
      text: `"${'long phrase '.repeat(8)}${index}"`,
    }));
    const cron = {
      ...DEFAULT_SETTINGS.schedule,
      days: { kind: 'cron' as const, expression: '*/30 9-17 * * 1-5' },
    };
    for (const view of [
      settingsModal({ ...DEFAULT_SETTINGS, sources }, metadata),
      subscriptionsModal(terms, metadata),
      scheduleModal(cron, metadata),
    ])
      expect(slackViewErrors(view, 'modal')).toEqual([]);
    expect(slackViewErrors(settingsModal({ ...DEFAULT_SETTINGS, sources }, metadata), 'home')).toEqual([
      '[ERROR] must be home here [json-pointer:/view/type]',
    ]);
  });
});
