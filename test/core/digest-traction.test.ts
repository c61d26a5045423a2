import { describe, expect, it } from 'vitest';
import { toPaperItem } from '../../src/core/cards/paper-item.js';
import { redrawnItem, tractionNews, tractionReasons } from '../../src/core/digest/traction.js';
import type { Paper } from '../../src/core/paper.js';
import { arxivPaper } from '../helpers/invented-papers.js';
import { paperFromInput } from './cards/paper-fixtures.js';

const paper = (changes: Partial<Paper> = {}): Paper =>
  paperFromInput(
    {
      ...arxivPaper('2606.20001', 'Sparse Attention', 'cs.LG', '2026-06-12T08:00:00Z'),
      abstract: 'We study sparse attention. It works.',
      authors: ['Ada Quill'],
      version: 1,
    },
    changes,
  );

describe('traction of a posted paper', () => {
  const posted = toPaperItem(paper());
  const onHf = { dailyDate: '2026-06-13', upvotes: 42, sources: ['arxiv', 'hf'] as Paper['sources'] };

  it.each([
    ['it enters the Daily Papers with upvotes', onHf, 0, ['daily']],
    ['it gets a code link', { githubRepo: 'ada/sparse' }, 0, ['code']],
    [
      'both, and crosses the minimum',
      { ...onHf, githubRepo: 'ada/sparse' },
      10,
      ['daily', 'min-upvotes:10', 'code'],
    ],
    ['it is on the Daily Papers without upvotes yet', { dailyDate: '2026-06-13', upvotes: 0 }, 0, []],
    ['nothing changed', {}, 0, []],
  ])('%s', (_what, changes, minUpvotes, reasons) => {
    expect(tractionReasons(posted, paper(changes), minUpvotes)).toEqual(reasons);
  });

  it('is not a few more upvotes on a paper shown with upvotes', () => {
    const shown = toPaperItem(paper({ dailyDate: '2026-06-12', upvotes: 12 }));
    expect(tractionReasons(shown, paper({ dailyDate: '2026-06-12', upvotes: 30 }), 0)).toEqual([]);
    expect(tractionReasons(shown, paper({ dailyDate: '2026-06-12', upvotes: 30 }), 20)).toEqual([
      'min-upvotes:20',
    ]);
    expect(tractionReasons(shown, paper({ dailyDate: '2026-06-12', upvotes: 19 }), 20)).toEqual([]);
  });

  it('says what is new in a few words', () => {
    expect(tractionNews(paper({ ...onHf, githubRepo: 'ada/sparse', githubStars: 7 }))).toBe(
      '42 upvotes on Daily Papers · code (⭐ 7)',
    );
    expect(tractionNews(paper({ githubRepo: 'https://gitlab.com/ada/sparse' }))).toBe('code');
  });

  it('redraws the item as the paper is now and keeps what the message said about it', () => {
    const shown = {
      ...toPaperItem(paper(), 'sparse'),
      counts: { relevant: 2, saved: 1 },
      because: 'like "X"',
    };
    expect(redrawnItem(shown, paper(onHf))).toMatchObject({
      upvotes: 42,
      url: 'https://huggingface.co/papers/2606.20001',
      matchedTerm: 'sparse',
      counts: { relevant: 2, saved: 1 },
      because: 'like "X"',
    });
  });

  it("keeps a model's TL;DR the message showed, and otherwise takes the paper's summary as it is now", () => {
    const shown = {
      ...toPaperItem(paper()),
      summary: 'Ein kurzer Überblick.',
      summaryKind: 'model' as const,
    };
    expect(redrawnItem(shown, paper(onHf))).toMatchObject({
      summary: 'Ein kurzer Überblick.',
      summaryKind: 'model',
    });
    const fromAbstract = toPaperItem(paper());
    expect(redrawnItem(fromAbstract, paper(onHf)).summaryKind).toBe(toPaperItem(paper(onHf)).summaryKind);
  });
});
