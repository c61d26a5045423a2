import { describe, expect, it } from 'vitest';
import { type Channel, DEFAULT_SETTINGS } from '../../src/core/channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { dueSlotsBetween, slotKey } from '../../src/core/schedule/due-times.js';
import { claimDueSlots, type DueChannel } from '../../src/scheduler/claim-due-slots.js';
import { daily } from './scheduler-fixtures.js';

const channel = (channelId: string): Channel => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId,
  settings: { ...DEFAULT_SETTINGS, schedule: daily('09:00') },
  active: true,
  inactiveReason: null,
});

describe('claiming due slots', () => {
  it('settles every channel but the one whose digest failed to build, so only that one is looked at again', async () => {
    const entries: DueChannel[] = ['C1', 'C2', 'C3'].map((id, index) => ({
      id: index + 1,
      channel: channel(id),
      owedFrom: new Date('2026-06-13T00:00:00Z'),
    }));
    const claimed: string[] = [];
    const { summary, settled } = await claimDueSlots({
      what: 'digest',
      channels: entries,
      // C3's slot was claimed by another replica already.
      recorded: new Set(['3|2026-06-13T09:00Z']),
      now: new Date('2026-06-13T09:00:05Z'),
      graceMs: 6 * 3_600_000,
      owner: 'a',
      slots: { claim: async () => 1 },
      dueBetween: (entry, from, to) => dueSlotsBetween(entry.channel.settings.schedule, from, to),
      slotKey,
      claimAndQueue: async (entry) => {
        if (entry.channel.channelId === 'C2') throw new Error('the database went away');
        claimed.push(entry.channel.channelId);
        return 'claimed';
      },
      log: silentLogger,
    });
    expect(claimed).toEqual(['C1']);
    expect(summary).toEqual({ claimed: 1, taken: 0, empty: 0, missed: 0 });
    expect(settled.map((entry) => entry.channel.channelId)).toEqual(['C1', 'C3']);
  });
});
