import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../../src/core/bot/handle-command.js';
import type { Reply } from '../../../src/core/cards/card.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { channels } from '../../../src/db/schema.js';
import { createChannelStore } from '../../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../../src/store/delivery-queue.js';
import { createDigestPapers } from '../../../src/store/digest-papers.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createSharedPaperStore } from '../../../src/store/shared-paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { createSubscriptionStore } from '../../../src/store/subscription-store.js';
import { arxivPaper, hfPaper } from '../../helpers/invented-papers.js';
import { describeEachDatabase, openTestDatabase, resetTables } from '../../helpers/test-database.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
/** Friday 12 June 2026, 10:00 UTC: the digest is due at 09:00 UTC on weekdays, so next on Monday. */
const now = new Date('2026-06-12T10:00:00Z');

const hf = (id: string, title: string, upvotes: number, day = '2026-06-11') =>
  hfPaper(id, title, upvotes, day);
const arxiv = (id: string, title: string, category: string, publishedAt = '2026-06-11T08:00:00Z') =>
  arxivPaper(id, title, category, publishedAt);

describeEachDatabase('/papers preview and /papers why', (driver) => {
  let handle: DatabaseHandle;
  let dependencies: BotDependencies;
  const say = (text: string): Promise<Reply> => handleText(dependencies, { channel, now }, text);
  const text = (reply: Reply) => reply.card.notices.map((notice) => notice.text).join('\n');

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    dependencies = {
      ...createStoreBotDependencies(handle.db, silentLogger),
      nextIngestAt: () => ({ at: new Date('2026-06-12T10:30:00Z'), timezone: 'UTC' }),
    };
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await resetTables(handle);
    await createPaperStore(handle.db).upsertPapers([
      hf('2606.70001', 'Sparse Kernels', 50),
      hf('2606.70002', 'Dense Kernels', 40),
      hf('2606.70003', 'Tiny Kernels', 30),
      hf('2606.70004', 'Quiet Kernels', 3),
      hf('2606.70005', 'Old Kernels', 90, '2026-06-01'),
      hf('2606.70006', 'Survey of Kernels', 45),
      arxiv('2606.70010', 'Sparse Routing', 'cs.LG'),
      arxiv('2606.70011', 'Sparse Telescopes', 'astro-ph'),
      arxiv('2606.70012', 'Sparse Antiques', 'cs.LG', '2026-05-01T00:00:00Z'),
    ]);
    await createChannelStore(handle.db).ensure(channel);
    await createChannelStore(handle.db).updateSettings(
      channel,
      {
        ...DEFAULT_SETTINGS,
        top: 2,
        sources: ['hf', 'cs.LG'],
        schedule: { enabled: true, time: '09:00', timezone: 'UTC', days: { kind: 'weekdays' } },
      },
      new Date('2026-06-01T00:00:00Z'),
    );
    await createSubscriptionStore(handle.db).add(channel, [
      { kind: 'word', value: 'sparse', text: 'sparse' },
      { kind: 'exclude', value: 'survey', text: '-survey' },
    ]);
  });

  describe('/papers preview', () => {
    it('shows only to the asker the digest due next, each paper with why it is there, and records nothing', async () => {
      const reply = await say('preview');
      expect(reply.visibility).toBe('ephemeral');
      expect(reply.card.header).toBe('Preview of your next digest');
      expect(reply.card.subheader).toContain('Due Mon 15 Jun, 09:00 UTC');
      expect(reply.card.feedback).toBe(false);
      expect(reply.card.items.map((item) => [item.id, item.because])).toEqual([
        ['2606.70001', '#1 on Daily Papers of Thu, 11 Jun 2026 (50 upvotes) · matches sparse'],
        ['2606.70002', '#2 on Daily Papers of Thu, 11 Jun 2026 (40 upvotes)'],
        ['2606.70010', 'matches sparse · new on arXiv in cs.LG'],
      ]);
      // Nothing was delivered: the preview again is the same.
      expect((await say('preview')).card.items.map((item) => item.id)).toEqual(
        reply.card.items.map((item) => item.id),
      );
    });

    it('says when no digest is scheduled, and that the channel is inactive', async () => {
      await createChannelStore(handle.db).updateSettings(channel, { ...DEFAULT_SETTINGS, top: 1 });
      await createChannelStore(handle.db).setActive(channel, false, 'channel_not_found');
      const reply = await say('preview');
      expect(reply.card.subheader).toContain('No digest is scheduled here');
      expect(text(reply)).toContain('paperboy cannot post here (channel_not_found)');
    });
  });

  describe('/papers why', () => {
    it.each([
      ['2606.70001', 'It will be in the next digest (Mon 15 Jun, 09:00): it is among the day’s top 2.'],
      ['2606.70010', 'It will be in the next digest (Mon 15 Jun, 09:00): it matches sparse.'],
      [
        '2606.70003',
        'It ranks #4 by upvotes on the Daily Papers of Thu, 11 Jun 2026; digests show the top 2',
      ],
      ['2606.70006', 'It is left out by -survey'],
      [
        '2606.70011',
        "It is not in this channel's sources (hf, cs.LG): it is in astro-ph. Add one with /papers config sources:hf,cs.LG,astro-ph",
      ],
      ['2606.70012', 'It matches sparse, but it is older than the 7 days a digest looks back.'],
      [
        '2606.70005',
        'It was on the Daily Papers of Mon, 1 Jun 2026; the next digest (Mon 15 Jun, 09:00) covers Thu, 11 Jun 2026.',
      ],
      [
        '2606.99999',
        'paperboy has not stored 2606.99999 yet, so no digest can hold it. The next ingest runs Fri 12 Jun, 10:30 UTC.',
      ],
    ])('explains %s', async (id, expected) => {
      expect(text(await say(`why https://arxiv.org/abs/${id}`))).toContain(expected);
    });

    it('says when the paper was delivered, queued or shared', async () => {
      await createDigestPapers(handle.db).markDelivered(
        channel,
        [{ paperId: '2606.70002', matchedTerm: null }],
        new Date('2026-06-10T09:00:00Z'),
      );
      expect(text(await say('why 2606.70002'))).toContain('It was delivered here on Wed, 10 Jun 2026;');

      // Once its message is known, the answer links to it (the platform's poster makes the link).
      const digestCard = (await say('paper 2606.70002')).card;
      await dependencies.postedMessages?.record(
        { channel, messageId: '1749546000.000100', card: digestCard, perPaper: false },
        new Date('2026-06-10T09:00:00Z'),
      );
      const linked = await handleText(
        {
          ...dependencies,
          messageLink: async (_, id) => `https://example.slack.com/archives/C1/p${id.replace('.', '')}`,
        },
        { channel, now },
        'why 2606.70002',
      );
      expect(text(linked)).toContain(
        'It was delivered here on Wed, 10 Jun 2026: https://example.slack.com/archives/C1/p1749546000000100;',
      );

      const [row] = await handle.db.select({ id: channels.id }).from(channels);
      const digest = (await say('preview')).card;
      await createDeliveryQueue(handle.db).enqueue(
        { channelId: Number(row?.id), slotId: null, kind: 'digest', card: digest, idempotencyKey: 'k1' },
        now,
      );
      expect(text(await say('why 2606.70001'))).toContain('It is queued to be posted here (pending');

      await createSharedPaperStore(handle.db).record(
        channel,
        [{ paperId: '2606.70004', userId: 'U9', messageId: '1.2', link: null }],
        new Date('2026-06-11T12:00:00Z'),
      );
      expect(text(await say('why 2606.70004'))).toContain('A teammate shared it here on 2026-06-11');
    });

    it('asks for a paper id with an example', async () => {
      const reply = await say('why');
      expect(reply.outcome).toBe('user_error');
      expect(reply.card.notices[0]).toMatchObject({
        text: 'why needs an arXiv id or a link to the paper.',
        example: '/papers why 2606.93392',
      });
    });
  });
});
