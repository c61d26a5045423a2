import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordOverHttp, startDiscordOverHttp } from './discord-fixtures.js';
import { NO_MANAGE } from './panel-interactions.js';
import { createPanelSession } from './panel-session.js';
import { createPanelTestbed, resultLine, slowChannelsWhen } from './panel-testbed.js';

let harness: DiscordOverHttp;
let slowStore = false;
beforeAll(async () => {
  harness = await startDiscordOverHttp({}, { bot: slowChannelsWhen(() => slowStore) });
});
afterAll(async () => harness?.close());
const { stored, terms, openPanel } = createPanelTestbed(() => harness, '6');

describe('tampered panel interactions', () => {
  it.each([
    ['an unknown zone', 'p|zone|Europe|0', ['Mars/Olympus'], 'Unknown timezone'],
    ['top 999', 'p|top', ['999'], 'top must be a whole number from 1 to 20'],
    ['two tops at once', 'p|top', ['3', '4'], 'top must be'],
    ['an unreadable source', 'p|src', ['hf', 'cs LG!'], 'sources'],
    ['no sources', 'p|src', [], 'sources'],
    ['an unknown day', 'p|days', ['mon', 'someday'], 'Tick at least one day'],
    ['a switch set to maybe', 'p|set|threads|maybe', undefined, 'threads'],
  ])('refuses %s, says why in the panel and saves nothing', async (_name, id, values, said) => {
    const { where, panel } = await openPanel();
    const before = await stored(where);
    const answer = await panel.click(id, values);
    expect([6, 7]).toContain(answer.initial.type);
    expect(resultLine(answer)).toMatch(/^Not saved\./);
    expect(answer.text).toContain(said);
    expect(answer.text).toMatch(/Example: `\/digest (config|schedule) /);
    expect(await stored(where)).toEqual(before);
  });

  it('refuses a time the text command refuses, from the modal', async () => {
    const { where, panel } = await openPanel();
    const before = await stored(where);
    const answer = await panel.submit('p|m|time', { time: '25:00' });
    expect(resultLine(answer)).toBe('Not saved. Pick a time of day as HH:MM (got "25:00").');
    expect(answer.text).toContain(
      'Example: `/digest schedule time:09:30 timezone:Europe/Berlin days:weekdays`',
    );
    expect(await stored(where)).toEqual(before);
  });

  it.each([
    ['a select', 'p|top', ['7']],
    ['a switch', 'p|set|threads|off', undefined],
    ['a section button', 'p|sec|sources', undefined],
    ['a button opening a modal', 'p|subs', undefined],
  ])('refuses %s clicked without Manage Channels, drawing and saving nothing', async (_name, id, values) => {
    const { where } = await openPanel();
    const before = await stored(where);
    const stranger = createPanelSession(harness, { where, permissions: NO_MANAGE });
    const answer = await stranger.click(id, values);
    expect(answer.initial.type).toBe(4);
    expect(answer.seen.flags).toBe(64);
    expect(answer.text).toContain('Only members who can manage this channel can use /digest config.');
    expect(answer.seen.data.components ?? []).toEqual([]);
    expect(await stored(where)).toEqual(before);
  });

  it('refuses a modal submitted without Manage Channels, saving nothing', async () => {
    const { where } = await openPanel();
    const stranger = createPanelSession(harness, { where, permissions: NO_MANAGE });
    const answer = await stranger.submit('p|m|subs', { add: 'lora', remove: '' });
    expect(answer.initial.type).toBe(4);
    expect(answer.text).toContain('Only members who can manage this channel');
    expect(await terms(where)).toEqual([]);
    const time = await stranger.submit('p|m|time', { time: '07:00' });
    expect(time.initial.type).toBe(4);
    expect((await stored(where))?.schedule.enabled).toBe(false);
  });

  it.each([
    ['a control it does not have', 'p|nope'],
    ['a setting that is not a switch', 'p|set|top|7'],
    ['a zone list without its page', 'p|zone|Europe'],
    ['a section it does not have', 'p|sec|billing'],
    ['an extra field', 'p|top|7'],
  ])('refuses a forged custom_id (%s), saving nothing', async (_name, id) => {
    const { where } = await openPanel();
    const before = await stored(where);
    const answer = await createPanelSession(harness, { where }).click(id, ['7']);
    expect(answer.initial.type).toBe(4);
    expect(answer.text).toContain('That control is not one paperboy knows');
    expect(await stored(where)).toEqual(before);
  });

  it('refuses a forged modal id, and answers a panel modal not opened from a message with a new panel', async () => {
    const { where, panel } = await openPanel();
    const forged = await panel.submit('p|m|top', { top: '7' });
    expect(forged.initial.type).toBe(4);
    expect(forged.text).toContain('That control is not one paperboy knows');
    const loose = await panel.submit('p|m|minup', { 'min-upvotes': '3' }, { fromMessage: false });
    expect([4, 5]).toContain(loose.initial.type);
    expect(loose.seen.flags).toBe(64);
    expect((await stored(where))?.minUpvotes).toBe(3);
  });
});

// Over HTTP an answer given in the ack that Discord would refuse throws in `sendSigned`; an answer slower than the
// ack's budget edits @original instead, checked here. The slow store makes one answer take that path on any machine.
it('draws a panel answered after the ack within the limits too (an edit of @original)', async () => {
  const edits = () => harness.discord.calls.filter((call) => call.path.includes('@original')).length;
  const { panel } = await openPanel();
  const before = edits();
  slowStore = true;
  try {
    const answer = await panel.click('p|sec|sources');
    expect(answer.initial.type).toBe(6);
  } finally {
    slowStore = false;
  }
  expect(edits()).toBeGreaterThan(before);
});

it('sent no answer Discord would refuse (every panel drawn within its limits)', () => {
  expect(harness.discord.calls.filter((call) => call.path.includes('@original')).length).toBeGreaterThan(0);
  expect(harness.discord.refusedAnswers).toEqual([]);
});
