import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../src/core/channel.js';
import type { SubscriptionTerm } from '../../src/core/subscriptions/term.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { describeEachDatabase, openTestDatabase, resetTables } from '../helpers/test-database.js';

const general: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const random: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C2' };
const lora: SubscriptionTerm = { kind: 'word', value: 'lora', text: 'lora' };
const phrase: SubscriptionTerm = { kind: 'phrase', value: 'Vision Language', text: '"Vision Language"' };
const survey: SubscriptionTerm = { kind: 'exclude', value: 'survey', text: '-survey' };

describeEachDatabase('channel and subscription stores', (driver) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => resetTables(handle));

  it('creates a channel with the default settings once and keeps its changes', async () => {
    const channels = createChannelStore(handle.db);
    const created = await channels.ensure(general);
    expect(created).toEqual({ ...general, settings: DEFAULT_SETTINGS, active: true, inactiveReason: null });

    await channels.updateSettings(general, { ...DEFAULT_SETTINGS, top: 7, sources: ['hf', 'cs.LG'] });
    const again = await channels.ensure(general);
    expect(again.settings).toMatchObject({ top: 7, sources: ['hf', 'cs.LG'] });
    expect(await channels.list()).toHaveLength(1);
  });

  it('refuses settings outside their ranges', async () => {
    const channels = createChannelStore(handle.db);
    await channels.ensure(general);
    await expect(channels.updateSettings(general, { ...DEFAULT_SETTINGS, top: 50 })).rejects.toThrow();
    expect((await channels.get(general))?.settings.top).toBe(5);
  });

  it('deactivates a channel with a reason and reactivates it', async () => {
    const channels = createChannelStore(handle.db);
    await channels.ensure(general);
    await channels.setActive(general, false, 'channel_not_found');
    expect(await channels.get(general)).toMatchObject({ active: false, inactiveReason: 'channel_not_found' });
    await channels.setActive(general, true);
    expect(await channels.get(general)).toMatchObject({ active: true, inactiveReason: null });
  });

  it('keeps subscriptions per channel in order, and subscribing twice is a no-op', async () => {
    const channels = createChannelStore(handle.db);
    const subscriptions = createSubscriptionStore(handle.db);
    await channels.ensure(general);
    await channels.ensure(random);

    expect(await subscriptions.add(general, [lora, phrase])).toEqual({ added: [lora, phrase], existing: [] });
    const twice = await subscriptions.add(general, [{ ...lora, text: 'LoRA', value: 'LoRA' }, survey]);
    expect(twice).toEqual({ added: [survey], existing: [{ ...lora, text: 'LoRA', value: 'LoRA' }] });
    expect(await subscriptions.list(general)).toEqual([lora, phrase, survey]);
    expect(await subscriptions.list(random)).toEqual([]);

    const removed = await subscriptions.remove(general, [
      { kind: 'phrase', value: 'vision language', text: '"vision language"' },
      { kind: 'word', value: 'gan', text: 'gan' },
    ]);
    expect(removed.removed.map((term) => term.text)).toEqual(['"vision language"']);
    expect(removed.missing.map((term) => term.text)).toEqual(['gan']);
    expect(await subscriptions.list(general)).toEqual([lora, survey]);
  });
});
