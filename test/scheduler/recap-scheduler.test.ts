import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ChannelRef, RecapSchedule } from '../../src/core/channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { EMPTY_RECAP_TEXT } from '../../src/core/recap/recap-card.js';
import { deliveredPapers, deliveries, digestSlots } from '../../src/db/schema.js';
import { createDigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { createRecapScheduler } from '../../src/scheduler/recap-scheduler.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createDigestPapers } from '../../src/store/digest-papers.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { fixtureCorpus } from '../helpers/fixture-corpus.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { daily, resetScheduling, scheduledChannel } from './scheduler-fixtures.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const friday = (time = '16:00', timezone = 'UTC'): RecapSchedule => ({
  enabled: true,
  weekday: 5,
  time,
  timezone,
});

describeEachDatabase('the weekly recap scheduler', (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => resetScheduling(handle));

  const recaps = (graceMs = 6 * HOUR, owner = 'replica-a') =>
    createRecapScheduler({ db: handle.db, owner, graceMs, logger: silentLogger });
  const queued = () => handle.db.select().from(deliveries).orderBy(deliveries.id);
  const slots = () => handle.db.select().from(digestSlots).orderBy(digestSlots.id);
  const feedback = () => createFeedbackStore(handle.db);
  const vote = (paperId: string, userId: string, kind: 'relevant' | 'notRelevant' | 'save', when: string) =>
    feedback().click({ channel: ref, paperId, userId, kind }, at(when));

  it('claims the recap at its time, queues one message on the delivery queue, and never claims it twice', async () => {
    await scheduledChannel(handle, ref, { recap: friday() }, at('2026-07-01T00:00:00Z'));
    expect(await recaps().tick(at('2026-07-17T15:59:30Z'))).toMatchObject({ claimed: 0 });
    expect(await recaps().tick(at('2026-07-17T16:00:05Z'))).toMatchObject({ claimed: 1, missed: 0 });
    expect(await recaps().tick(at('2026-07-17T16:01:05Z'))).toMatchObject({ claimed: 0, taken: 0 });
    const [delivery, ...others] = await queued();
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({
      kind: 'recap',
      status: 'pending',
      idempotencyKey: 'recap:slack:T1:C1:2026-07-17T16:00Z',
    });
    expect(delivery?.card.header).toBe('Your weekly recap');
    expect(await slots()).toEqual([
      expect.objectContaining({ slot: 'recap:2026-07-17T16:00Z', status: 'claimed', late: false }),
    ]);
  });

  it('lets one of two replicas win a recap due on both', async () => {
    await scheduledChannel(handle, ref, { recap: friday() }, at('2026-07-01T00:00:00Z'));
    const due = at('2026-07-17T16:00:05Z');
    const ticks = await Promise.all([recaps(6 * HOUR, 'a').tick(due), recaps(6 * HOUR, 'b').tick(due)]);
    expect(ticks.map((tick) => tick.claimed).sort()).toEqual([0, 1]);
    expect(await queued()).toHaveLength(1);
  });

  it("shows the week's most saved and liked papers, then the most upvoted ones the channel has not seen", async () => {
    await scheduledChannel(handle, ref, { recap: friday() }, at('2026-07-01T00:00:00Z'));
    await createSubscriptionStore(handle.db).add(ref, [
      { kind: 'exclude', value: 'survey', text: '-survey' },
    ]);
    // The week is (Fri 10 Jul 16:00, Fri 17 Jul 16:00] UTC.
    await vote('2607.91208', 'U1', 'save', '2026-07-14T09:00:00Z');
    await vote('2607.91208', 'U2', 'save', '2026-07-15T09:00:00Z');
    await vote('2607.91208', 'U3', 'relevant', '2026-07-15T10:00:00Z');
    await vote('2606.93392', 'U2', 'save', '2026-07-01T09:00:00Z'); // before the week: counted, not this week's
    await vote('2606.93392', 'U1', 'relevant', '2026-07-16T09:00:00Z');
    await vote('2606.93681', 'U4', 'save', '2026-07-05T09:00:00Z'); // before the week
    await vote('2607.99657', 'U5', 'notRelevant', '2026-07-15T09:00:00Z'); // seen, and 👎 counts for nothing
    await createDigestPapers(handle.db).markDelivered(
      ref,
      [{ paperId: '2607.92231', matchedTerm: null }],
      at('2026-07-10T09:00:00Z'),
    );

    expect(await recaps().tick(at('2026-07-17T16:00:05Z'))).toMatchObject({ claimed: 1 });
    const [delivery] = await queued();
    const card = delivery?.card;
    expect(card?.feedback).toBe(true);
    expect(card?.items.map((item) => [item.id, item.because ?? null, item.counts])).toEqual([
      ['2607.91208', '2 of you saved it and one liked it this week', { relevant: 1, saved: 2 }],
      ['2606.93392', 'one of you liked it this week', { relevant: 1, saved: 1 }],
      // The Daily Papers of 10-16 July by upvotes, less the paper already delivered (2607.92231, ▲ 28), the
      // ones the channel gave feedback on (2607.91208, 2607.99657) and the two that mention surveys, which the
      // channel excludes (2607.94021, 2607.98688).
      ...['2607.93315', '2607.95510', '2607.97964', '2607.90876', '2607.99415'].map((id) => [
        id,
        "one of the week's most upvoted on Hugging Face, new here",
        { relevant: 0, saved: 0 },
      ]),
    ]);
    // The unseen papers are now delivered: no digest or later recap repeats them.
    const delivered = await handle.db
      .select({ paperId: deliveredPapers.paperId })
      .from(deliveredPapers)
      .orderBy(deliveredPapers.paperId);
    expect(delivered.map((row) => row.paperId)).toEqual([
      '2607.90876',
      '2607.92231',
      '2607.93315',
      '2607.95510',
      '2607.97964',
      '2607.99415',
    ]);
  });

  it('never collides with a digest due in the same minute, and leaves the digest its papers', async () => {
    await scheduledChannel(
      handle,
      ref,
      { schedule: daily('16:00'), recap: friday() },
      at('2026-07-17T00:00:00Z'),
    );
    const now = at('2026-07-17T16:00:05Z');
    const digests = createDigestScheduler({
      db: handle.db,
      owner: 'a',
      graceMs: 6 * HOUR,
      logger: silentLogger,
    });
    expect(await digests.tick(now)).toMatchObject({ claimed: 1 });
    expect(await recaps().tick(now)).toMatchObject({ claimed: 1 });
    expect(await digests.tick(now)).toMatchObject({ claimed: 0 });
    expect((await slots()).map((slot) => [slot.slot, slot.status])).toEqual([
      ['2026-07-17T16:00Z', 'claimed'],
      ['recap:2026-07-17T16:00Z', 'claimed'],
    ]);
    const [digest, recap] = await queued();
    expect([digest?.kind, recap?.kind]).toEqual(['digest', 'recap']);
    const digestIds = digest?.card.items.map((item) => item.id) ?? [];
    // The top five of the latest complete Daily-Papers day (13 July), as a digest alone would have them.
    expect(digestIds).toEqual(['2607.91208', '2607.99657', '2607.94021', '2607.93315', '2607.97964']);
    const recapIds = recap?.card.items.map((item) => item.id) ?? [];
    expect(recapIds).toEqual(['2607.92231', '2607.95510', '2607.90876', '2607.98688', '2607.99415']);
  });

  it('owes no recap whose time had passed when it was scheduled', async () => {
    await scheduledChannel(handle, ref, { recap: friday() }, at('2026-07-17T16:05:00Z'));
    expect(await recaps().tick(at('2026-07-17T16:06:00Z'))).toEqual({
      claimed: 0,
      taken: 0,
      empty: 0,
      missed: 0,
    });
    expect(await slots()).toEqual([]);
    expect(await recaps().tick(at('2026-07-24T16:00:10Z'))).toMatchObject({ claimed: 1 });
  });

  it('delivers a recap missed by downtime late, with a note, and records an older one as missed', async () => {
    await scheduledChannel(handle, ref, { recap: friday() }, at('2026-07-01T00:00:00Z'));
    expect(await recaps().tick(at('2026-07-17T19:00:00Z'))).toMatchObject({ claimed: 1, missed: 0 });
    const [delivery] = await queued();
    expect(delivery?.card.subheader).toContain('late: paperboy was down');
    expect((await slots()).map((slot) => [slot.slot, slot.status, slot.late])).toEqual([
      ['recap:2026-07-17T16:00Z', 'claimed', true],
    ]);

    await resetScheduling(handle);
    await scheduledChannel(handle, ref, { recap: friday() }, at('2026-07-01T00:00:00Z'));
    expect(await recaps().tick(at('2026-07-17T23:00:00Z'))).toMatchObject({ claimed: 0, missed: 1 });
    expect(await queued()).toEqual([]);
    expect((await slots()).map((slot) => [slot.slot, slot.status])).toEqual([
      ['recap:2026-07-17T16:00Z', 'missed'],
    ]);
    expect(await recaps().tick(at('2026-07-17T23:01:00Z'))).toMatchObject({ claimed: 0, missed: 0 });
  });

  it("follows the digests' daylight-saving rules: a skipped time posts at the next valid minute, a doubled one once", async () => {
    const sunday: RecapSchedule = { enabled: true, weekday: 0, time: '02:30', timezone: 'Europe/Berlin' };
    await scheduledChannel(handle, ref, { recap: sunday }, at('2026-03-20T00:00:00Z'));
    expect(await recaps().tick(at('2026-03-29T00:59:30Z'))).toMatchObject({ claimed: 0 });
    expect(await recaps().tick(at('2026-03-29T01:00:10Z'))).toMatchObject({ claimed: 1 });
    await scheduledChannel(handle, ref, { recap: sunday }, at('2026-10-20T00:00:00Z'));
    expect(await recaps().tick(at('2026-10-25T00:30:10Z'))).toMatchObject({ claimed: 1 });
    expect(await recaps().tick(at('2026-10-25T01:30:10Z'))).toMatchObject({ claimed: 0, missed: 0 });
    expect((await slots()).map((slot) => slot.slot)).toEqual([
      'recap:2026-03-29T01:00Z',
      'recap:2026-10-25T00:30Z',
    ]);
  });

  it('says a week with nothing to show in one line, or stays silent with empty:off', async () => {
    // No Daily Papers are stored for 31 July - 6 August, and nobody said anything.
    await scheduledChannel(handle, ref, { recap: friday() }, at('2026-07-01T00:00:00Z'));
    expect(await recaps().tick(at('2026-08-07T16:00:05Z'))).toMatchObject({ claimed: 1 });
    const [delivery] = await queued();
    expect(delivery?.card.items).toEqual([]);
    expect(delivery?.card.notices).toEqual([{ tone: 'info', text: EMPTY_RECAP_TEXT }]);

    await resetScheduling(handle);
    await scheduledChannel(
      handle,
      ref,
      { recap: friday(), postWhenEmpty: false },
      at('2026-07-01T00:00:00Z'),
    );
    expect(await recaps().tick(at('2026-08-07T16:00:05Z'))).toMatchObject({ claimed: 0, empty: 1 });
    expect(await queued()).toEqual([]);
    expect((await slots()).map((slot) => [slot.slot, slot.status])).toEqual([
      ['recap:2026-08-07T16:00Z', 'empty'],
    ]);
    expect(await recaps().tick(at('2026-08-07T16:01:05Z'))).toMatchObject({ claimed: 0, empty: 0 });
  });

  it('posts nothing for a channel whose recap is off or that was deactivated', async () => {
    await scheduledChannel(
      handle,
      ref,
      { recap: { ...friday(), enabled: false } },
      at('2026-07-01T00:00:00Z'),
    );
    const other: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C2' };
    await scheduledChannel(handle, other, { recap: friday() }, at('2026-07-01T00:00:00Z'));
    await createChannelStore(handle.db).setActive(other, false, 'channel_not_found');
    expect(await recaps().tick(at('2026-07-17T16:00:05Z'))).toEqual({
      claimed: 0,
      taken: 0,
      empty: 0,
      missed: 0,
    });
    expect(await handle.db.select().from(digestSlots).where(eq(digestSlots.status, 'claimed'))).toEqual([]);
  });
});
