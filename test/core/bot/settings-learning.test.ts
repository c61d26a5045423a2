import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../../src/core/bot/handle-command.js';
import { settingsCard } from '../../../src/core/bot/settings-card.js';
import { type Channel, type ChannelRef, DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { openTestDatabase } from '../../helpers/test-database.js';

const now = new Date('2026-06-13T12:00:00Z');
const channel = (learn: boolean): Channel => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  settings: { ...DEFAULT_SETTINGS, learn },
  active: true,
  inactiveReason: null,
});
const learningLine = (card: ReturnType<typeof settingsCard>) =>
  card.notices[0]?.text.split('\n').find((line) => line.startsWith('Learning from votes:'));

describe('/papers settings on learning', () => {
  it('says it learns and from how many votes', () => {
    expect(learningLine(settingsCard(channel(true), [], now, 12))).toBe(
      'Learning from votes: on, from 12 votes',
    );
  });

  it('says it ranks as usual until the fifth vote', () => {
    expect(learningLine(settingsCard(channel(true), [], now, 2))).toBe(
      'Learning from votes: on, ranks as usual until 5 votes (2 so far)',
    );
  });

  it('says it is off and how to turn it on', () => {
    expect(learningLine(settingsCard(channel(false), [], now, 40))).toBe(
      'Learning from votes: off  (/papers config learn:on)',
    );
  });
});

describe("/papers settings counts the channel's votes", () => {
  const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
  let handle: DatabaseHandle;
  let dependencies: BotDependencies;
  const say = async (text: string) =>
    (await handleText(dependencies, { channel: ref, now }, text)).card.notices[0]?.text.split('\n') ?? [];

  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
    dependencies = createStoreBotDependencies(handle.db, silentLogger);
  });
  afterAll(async () => handle?.close());

  it('from the feedback store, and after learn:off says it is off', async () => {
    expect(await say('settings')).toContain(
      'Learning from votes: on, ranks as usual until 5 votes (0 so far)',
    );
    const feedback = dependencies.feedback;
    if (!feedback) throw new Error('the store wires a feedback store');
    for (const [userId, kind] of [
      ['U1', 'relevant'],
      ['U2', 'relevant'],
      ['U1', 'save'],
    ] as const)
      await feedback.click({ channel: ref, paperId: '2606.93392', userId, kind }, now);
    await feedback.click({ channel: ref, paperId: '2606.93681', userId: 'U3', kind: 'notRelevant' }, now);
    expect(await say('settings')).toContain(
      'Learning from votes: on, ranks as usual until 5 votes (4 so far)',
    );
    await feedback.click({ channel: ref, paperId: '2606.93681', userId: 'U4', kind: 'notRelevant' }, now);
    expect(await say('settings')).toContain('Learning from votes: on, from 5 votes');
    expect(await say('config learn:off')).toContain('Learning from votes: off  (/papers config learn:on)');
  });
});
