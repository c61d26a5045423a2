import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleAction, handleText } from '../../../src/core/bot/handle-command.js';
import { ACTION_VALUE_MAX, STORED_VALUE_TTL_MS } from '../../../src/core/bot/portable-actions.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import { type DatabaseHandle, openDatabase } from '../../../src/db/database.js';
import { interactionState } from '../../../src/db/schema.js';
import { createInteractionStateStore } from '../../../src/store/interaction-state-store.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

const channel: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const now = new Date('2026-06-13T12:00:00Z');
/** A search whose page token is far longer than a Discord custom_id. */
const LONG_QUERY = `benchmark ${Array.from({ length: 12 }, (_, index) => `-unrelatedword${index}`).join(' ')}`;

describeEachDatabase('button values too long for a platform', (driver) => {
  let handle: TestDatabase;
  /** A second connection to the same database, as another replica has. */
  let other: DatabaseHandle;
  let replicaA: BotDependencies;
  let replicaB: BotDependencies;
  const rows = async () => (await handle.db.select().from(interactionState)).length;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
    other = handle.url ? await openDatabase({ url: handle.url, migrate: false }) : handle;
    replicaA = createStoreBotDependencies(handle.db, silentLogger);
    replicaB = createStoreBotDependencies(other.db, silentLogger);
  });
  afterAll(async () => {
    if (other !== handle) await other?.close();
    await handle?.close();
  });

  it('are kept in Postgres under a short key, so another replica pages the search', async () => {
    const first = await handleText(replicaA, { channel, now }, `${LONG_QUERY} limit:3`);
    expect(first.outcome).toBe('ok');
    const next = first.card.actions.find((action) => action.kind === 'nextPage');
    expect(next?.value).toMatch(/^k:[A-Za-z0-9_-]{16}$/);
    expect(first.card.actions.every((action) => action.value.length <= ACTION_VALUE_MAX)).toBe(true);

    const page2 = await handleAction(
      replicaB,
      { channel, now },
      { kind: 'nextPage', value: next?.value ?? '' },
    );
    expect(page2.outcome).toBe('ok');
    expect(page2.card.subheader).toContain('page 2');
    expect(page2.card.items.map((item) => item.id)).not.toContain(first.card.items[0]?.id);
  });

  it('leave a short value in the button as it is, storing nothing', async () => {
    const before = await rows();
    const reply = await handleText(replicaA, { channel, now }, 'benchmark limit:3');
    expect(reply.card.actions.find((action) => action.kind === 'nextPage')?.value).toMatch(/^pb1:/);
    expect(await rows()).toBe(before);
  });

  it('stop working once expired or when the key was never given out, and nothing is written', async () => {
    const first = await handleText(replicaA, { channel, now }, `${LONG_QUERY} limit:3`);
    const value = first.card.actions.find((action) => action.kind === 'nextPage')?.value ?? '';
    const later = new Date(now.getTime() + STORED_VALUE_TTL_MS + 1000);
    const expired = await handleAction(replicaB, { channel, now: later }, { kind: 'nextPage', value });
    expect(expired.outcome).toBe('refused');
    expect(expired.card.notices[0]?.text).toContain('expired');

    const before = await rows();
    const forged = await handleAction(
      replicaB,
      { channel, now },
      { kind: 'share', value: 'k:AAAAAAAAAAAAAAAA' },
    );
    expect(forged).toMatchObject({ outcome: 'refused', visibility: 'ephemeral' });
    expect(await rows()).toBe(before);
  });

  it('are swept once expired', async () => {
    const store = createInteractionStateStore(handle.db);
    const kept = await store.put('still wanted', new Date(now.getTime() + 60_000));
    await store.put('stale', new Date(now.getTime() - 60_000));
    const swept = await store.deleteExpired(now);
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await store.get(kept, now)).toBe('still wanted');
    expect((await handle.db.select().from(interactionState)).every((row) => row.expiresAt > now)).toBe(true);
  });
});
