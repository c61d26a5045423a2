import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { paperListCard } from '../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createPostedMessageStore } from '../../src/store/posted-message-store.js';
import { rowsOf } from '../../src/store/rows.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import {
  describeEachDatabase,
  openTestDatabase,
  resetTables,
  type TestDatabase,
} from '../helpers/test-database.js';

const channel: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const t0 = new Date('2026-06-13T12:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describeEachDatabase('posted messages', (driver) => {
  let handle: TestDatabase;
  let replica: DatabaseHandle;
  const store = () => createPostedMessageStore(handle.db);

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    replica = handle.url ? await openDatabase({ url: handle.url, migrate: false }) : handle;
  });
  afterAll(async () => {
    if (replica !== handle) await replica?.close();
    await handle?.close();
  });
  beforeEach(async () => {
    await resetTables(handle);
    const papers = createPaperStore(handle.db);
    await papers.upsertPapers(fixtureCorpus());
    await createChannelStore(handle.db).ensure(channel);
  });

  const cardOf = async (ids: string[]) =>
    paperListCard('Digest', '', await createPaperStore(handle.db).getPapers(ids));

  it('marks messages under many votes at once from two replicas without a deadlock, counting each vote', async () => {
    const ids = fixtureCorpus()
      .slice(0, 6)
      .map((paper) => paper.id);
    // A list of every paper and one message per paper, as a digest with threads posts them.
    await store().record({ channel, messageId: 'list', card: await cardOf(ids), perPaper: false }, t0);
    for (const [index, id] of ids.entries())
      await store().record(
        { channel, messageId: `reply-${index}`, card: await cardOf([id]), perPaper: true },
        t0,
      );
    const replicaStore = createPostedMessageStore(replica.db);
    const votes = Array.from({ length: 240 }, (_, vote) => ids[vote % ids.length] as string);
    await Promise.all(
      votes.map((id, vote) =>
        (vote % 2 === 0 ? store() : replicaStore).countsChanged(channel, id, later(vote)),
      ),
    );
    const rows = rowsOf<{ message_id: string; changes: number | string }>(
      await handle.db.execute(sql`select message_id, changes from posted_messages order by message_id`),
    );
    expect(rows.map((row) => [row.message_id, Number(row.changes)])).toEqual([
      ['list', 240],
      ...ids.map((_, index) => [`reply-${index}`, 40]),
    ]);
  });

  it('knows the messages it recorded, with the card each shows', async () => {
    const card = await cardOf(['2606.93392', '2606.93681']);
    await store().record({ channel, messageId: 'm1', card, perPaper: false }, t0);
    expect(await store().find(channel, 'm1')).toEqual({ channel, messageId: 'm1', card, perPaper: false });
    expect(await store().find(channel, 'm2')).toBeNull();
    expect(await store().find({ ...channel, channelId: 'C9' }, 'm1')).toBeNull();
  });

  it('redraws the messages that show a paper whose counts changed, at most once per interval, on one replica', async () => {
    await store().record(
      { channel, messageId: 'digest', card: await cardOf(['2606.93392', '2606.93681']), perPaper: false },
      t0,
    );
    await store().record(
      { channel, messageId: 'detail', card: await cardOf(['2606.93681']), perPaper: true },
      t0,
    );
    expect(await store().claimRedraws(later(1000), 5000, 10)).toEqual([]);

    await store().countsChanged(channel, '2606.93392', later(1000));
    const [first, second] = await Promise.all([
      store().claimRedraws(later(1100), 5000, 10),
      createPostedMessageStore(replica.db).claimRedraws(later(1100), 5000, 10),
    ]);
    expect([...first, ...second].map((message) => message.messageId)).toEqual(['digest']);

    await store().countsChanged(channel, '2606.93392', later(2000));
    expect(await store().claimRedraws(later(3000), 5000, 10)).toEqual([]);
    expect((await store().claimRedraws(later(7000), 5000, 10)).map((message) => message.messageId)).toEqual([
      'digest',
    ]);
    expect(await store().claimRedraws(later(20_000), 5000, 10)).toEqual([]);
  });
});
