import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../src/core/bot/handle-command.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../src/core/channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { createTldrFiller } from '../../src/core/tldr/tldr-filler.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../src/store/store-bot-dependencies.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { openTestDatabase, resetTables, type TestDatabase } from '../helpers/test-database.js';
import { inventedPaper, jobRows } from './tldr-fixtures.js';

const now = new Date('2026-06-13T12:00:00Z');
const german: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C-DE' };
const unknown: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C-NEW' };
const paper = inventedPaper('2606.79001', 'Kittiwake Alignment');

let handle: TestDatabase;
let sleeps = 0;
const dependencies = (tldrs?: BotDependencies['tldrs']): BotDependencies => ({
  ...createStoreBotDependencies(handle.db, silentLogger),
  ...(tldrs ? { tldrs } : {}),
});
const filler = () =>
  createTldrFiller({
    tldrs: createTldrStore(handle.db),
    ready: () => true,
    sleep: async () => {
      sleeps += 1;
    },
  });
const store = (language: string, text: string) =>
  createTldrStore(handle.db).complete({ paperId: paper.id, language }, text, 'fake-model', now);

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  sleeps = 0;
  await resetTables(handle);
  await createPaperStore(handle.db).upsertPapers([paper], now);
  const channels = createChannelStore(handle.db);
  await channels.ensure(german);
  await channels.updateSettings(german, { ...DEFAULT_SETTINGS, language: 'de' }, now);
});

describe('command answers with TL;DRs', () => {
  it("shows the stored TL;DR in the channel's language, without waiting or queuing", async () => {
    await store('de', 'Kittiwake richtet Modelle aus.');
    await store('en', 'Kittiwake aligns models.');
    const reply = await handleText(dependencies(filler()), { channel: german, now }, 'kittiwake');
    expect(reply.outcome).toBe('ok');
    expect(reply.card.items.map((item) => [item.id, item.summaryKind, item.summary])).toEqual([
      [paper.id, 'model', 'Kittiwake richtet Modelle aus.'],
    ]);
    expect(sleeps).toBe(0);
  });

  it('uses English in a channel paperboy does not know yet', async () => {
    await store('en', 'Kittiwake aligns models.');
    const reply = await handleText(dependencies(filler()), { channel: unknown, now }, 'kittiwake');
    expect(reply.card.items[0]?.summary).toBe('Kittiwake aligns models.');
  });

  it('keeps the abstract sentence when there is none, and asks the model for nothing', async () => {
    const reply = await handleText(dependencies(filler()), { channel: german, now }, 'kittiwake');
    expect(reply.card.items[0]?.summaryKind).toBe('abstract');
    expect(sleeps).toBe(0);
    expect(await jobRows(handle.db)).toEqual([]);
  });

  it('answers with the abstract sentences when the TL;DRs cannot be read', async () => {
    const broken = {
      fill: async () => {
        throw new Error('the database is gone');
      },
    };
    const reply = await handleText(dependencies(broken), { channel: german, now }, 'kittiwake');
    expect(reply.outcome).toBe('ok');
    expect(reply.card.items[0]?.summaryKind).toBe('abstract');
  });
});
