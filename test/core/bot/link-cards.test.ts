import { describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { linkCards } from '../../../src/core/bot/link-cards.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { Paper } from '../../../src/core/paper.js';
import type { PaperShare } from '../../../src/core/ports.js';
import { arxivPaper } from '../../helpers/invented-papers.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import { paperFromInput } from '../cards/paper-fixtures.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const paper = (id: string): Paper =>
  paperFromInput({ ...arxivPaper(id, `Paper ${id}`), abstract: 'It works.', authors: ['Ada Quill'] });

/** The ports `linkCards` uses, in memory: a store holding `stored`, arXiv knowing `onArxiv`. */
function dependencies(options: { stored: string[]; onArxiv: string[]; countsFail?: boolean }) {
  const { logger, lines } = capturingLogger();
  const shares: { channel: ChannelRef; share: Omit<PaperShare, 'sharedAt'> }[] = [];
  const bot = {
    logger,
    channels: { ensure: async () => ({}) },
    digestPapers: {
      papers: async (ids: readonly string[]) => ids.filter((id) => options.stored.includes(id)).map(paper),
    },
    lookupPapers: async (ids: readonly string[]) =>
      ids.filter((id) => options.onArxiv.includes(id)).map(paper),
    shares: {
      record: async (ref: ChannelRef, recorded: Omit<PaperShare, 'sharedAt'>[]) => {
        for (const share of recorded) shares.push({ channel: ref, share });
      },
      find: async () => new Map(),
    },
    feedback: {
      counts: async () => {
        if (options.countsFail) throw new Error('database gone');
        return new Map();
      },
    },
  } as unknown as BotDependencies;
  return { bot, shares, lines };
}

const now = new Date('2026-06-13T10:00:00Z');
const message = { userId: 'U1', messageId: '1718.0001', link: null };

describe('linkCards', () => {
  it('answers stored papers at once and the others once looked up, each paper once with all its URLs', async () => {
    const { bot, shares } = dependencies({ stored: ['2606.00001'], onArxiv: ['2606.00002'] });
    const { ready, later } = await linkCards(bot, {
      channel,
      message,
      urls: [
        'https://arxiv.org/abs/2606.00001',
        'https://huggingface.co/papers/2606.00001',
        'https://arxiv.org/pdf/2606.00002v2',
        'https://arxiv.org/abs/2606.00003',
        'https://arxiv.org/list/cs.LG/recent',
      ],
      now,
    });
    expect(ready.map((card) => [card.paperId, card.urls])).toEqual([
      ['2606.00001', ['https://arxiv.org/abs/2606.00001', 'https://huggingface.co/papers/2606.00001']],
    ]);
    expect(ready[0]?.card.feedback).toBe(true);
    expect((await later)?.map((card) => card.paperId)).toEqual(['2606.00002']);
    // Only papers that exist are recorded as shared; the unknown id and the listing are not.
    expect(shares.map((entry) => entry.share.paperId)).toEqual(['2606.00001', '2606.00002']);
  });

  it('records nothing for a message not posted yet (a composer preview)', async () => {
    const { bot, shares } = dependencies({ stored: ['2606.00001'], onArxiv: [] });
    const { ready, later } = await linkCards(bot, {
      channel,
      urls: ['https://arxiv.org/abs/2606.00001'],
      now,
    });
    expect(ready).toHaveLength(1);
    expect(later).toBeNull();
    expect(shares).toEqual([]);
  });

  it('never rejects the later cards: a failure there is logged and gives no card', async () => {
    const { bot, lines } = dependencies({ stored: [], onArxiv: ['2606.00002'], countsFail: true });
    const { later } = await linkCards(bot, {
      channel,
      message,
      urls: ['https://arxiv.org/abs/2606.00002'],
      now,
    });
    await expect(later).resolves.toEqual([]);
    expect(lines.some((line) => line.message === 'could not make cards for looked-up papers')).toBe(true);
  });
});
