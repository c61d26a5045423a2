import { describe, expect, it } from 'vitest';
import {
  emptyCard,
  noticeCard,
  paperDetailCard,
  paperListCard,
  searchResultsCard,
} from '../../../src/core/cards/build-cards.js';
import { HEADER_MAX } from '../../../src/core/cards/card-fallback.js';
import { decodePageToken } from '../../../src/core/cards/page-token.js';
import type { Paper } from '../../../src/core/paper.js';
import type { SearchResults } from '../../../src/core/search.js';
import { arxivPapers, barePaper, hfPapers, paperById } from './paper-fixtures.js';

const hf = hfPapers();
const results = (papers: Paper[], total: number, fuzzy = false): SearchResults => ({
  query: 'agents',
  total,
  totalCapped: false,
  fuzzy,
  hits: papers.map((paper, index) => ({ paper, score: 1 - index / 10 })),
});

describe('searchResultsCard', () => {
  const firstPage = searchResultsCard(results(hf.slice(0, 5), 12), { query: 'lora', page: 0, pageSize: 5 });

  it('has a header with the query, a subheader with counts and pages, and one item per hit', () => {
    expect(firstPage.header).toBe('Papers about "lora"');
    expect(firstPage.subheader).toBe('12 results · page 1 of 3');
    expect(firstPage.items.map((item) => item.id)).toEqual(hf.slice(0, 5).map((paper) => paper.id));
    expect(firstPage.notices).toEqual([]);
  });

  it('writes a fallback with the header, subheader and a numbered line per paper', () => {
    const lines = firstPage.fallback.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines.slice(0, 3)).toEqual([
      'Papers about "lora"',
      '12 results · page 1 of 3',
      '1. Rooftop Listening: Self-Supervised Denoising for Urban Bird-Call Recordings — https://huggingface.co/papers/2606.90467',
    ]);
    expect(lines[6]).toBe(
      '5. Gridlock: A City-Scale Benchmark for Traffic-Signal Agents — https://huggingface.co/papers/2606.93681',
    );
  });

  it('offers the next page and sharing this one, as page tokens', () => {
    expect(firstPage.actions.map((action) => action.kind)).toEqual(['nextPage', 'share']);
    expect(decodePageToken(firstPage.actions[0]?.value ?? '')).toEqual({
      query: 'lora',
      page: 1,
      pageSize: 5,
    });
    expect(decodePageToken(firstPage.actions[1]?.value ?? '')).toEqual({
      query: 'lora',
      page: 0,
      pageSize: 5,
    });
  });

  it('keeps sort and since in the next-page token and names them in the subheader', () => {
    const card = searchResultsCard(results(hf.slice(0, 2), 30), {
      query: 'lora',
      page: 1,
      pageSize: 2,
      sort: 'upvotes',
      since: '7d',
    });
    expect(card.subheader).toBe('30 results · page 2 of 15 · since 7d · by upvotes');
    expect(card.actions[0]?.value).toBe('pb1:2:2:u:7d:lora');
  });

  it('has no next page on the last page', () => {
    const card = searchResultsCard(results(hf.slice(10, 12), 12), { query: 'lora', page: 2, pageSize: 5 });
    expect(card.subheader).toBe('12 results · page 3 of 3');
    expect(card.actions.map((action) => action.kind)).toEqual(['share']);
  });

  it('says when the matches are fuzzy', () => {
    const card = searchResultsCard(results(hf.slice(0, 1), 1, true), {
      query: 'lorra',
      page: 0,
      pageSize: 10,
    });
    expect(card.subheader).toBe('Fuzzy matches (no exact hit) · 1 result · page 1 of 1');
    expect(card.fallback.split('\n')[1]).toBe('Fuzzy matches (no exact hit) · 1 result · page 1 of 1');
    const corrected = searchResultsCard(
      { ...results(hf.slice(0, 1), 1, true), correctedQuery: 'lora' },
      { query: 'lorra', page: 0, pageSize: 10 },
    );
    expect(corrected.subheader).toBe('Fuzzy matches for “lora” (no exact hit) · 1 result · page 1 of 1');
  });

  it('keeps a quoted query as typed in the header and truncates a long one', () => {
    const quoted = searchResultsCard(results([], 0), {
      query: '"diffusion transformer" -survey',
      page: 0,
      pageSize: 10,
    });
    expect(quoted.header).toBe('Papers about "diffusion transformer" -survey');
    const long = searchResultsCard(results([], 0), { query: 'word '.repeat(100), page: 0, pageSize: 10 });
    expect(long.header.length).toBeLessThanOrEqual(HEADER_MAX);
    expect(long.header.endsWith('…"')).toBe(true);
  });

  it('explains an empty result with a notice and offers no actions', () => {
    const card = searchResultsCard(results([], 0), { query: 'zzz', page: 0, pageSize: 10 });
    expect(card).toEqual({
      header: 'Papers about "zzz"',
      subheader: 'No results',
      items: [],
      notices: [{ tone: 'info', text: 'No papers match "zzz". Try fewer or broader words.' }],
      actions: [],
      fallback: 'Papers about "zzz"\nNo results\nNo papers match "zzz". Try fewer or broader words.',
    });
  });

  it('explains a page past the end', () => {
    const card = searchResultsCard(results([], 12), { query: 'lora', page: 5, pageSize: 5 });
    expect(card.notices).toEqual([
      { tone: 'info', text: 'There is no page 6: the 12 results fill 3 pages.' },
    ]);
    expect(card.actions).toEqual([]);
  });

  it('strips control characters from the query in the header', () => {
    const card = searchResultsCard(results([], 0), { query: 'lo\u001b[2Jra', page: 0, pageSize: 10 });
    expect(card.header).toBe('Papers about "lora"');
  });
});

describe('paperListCard', () => {
  it('keeps every paper given, with matched terms, and writes the fallback', () => {
    const card = paperListCard('Daily Papers · 2026-06-12', '17 papers', [
      ...hf,
      { paper: paperById(arxivPapers(), '2606.93501'), matchedTerm: '"attention sinks"' },
    ]);
    expect(card.items).toHaveLength(18);
    expect(card.items[17]?.matchedTerm).toBe('"attention sinks"');
    expect(card.items[0]?.matchedTerm).toBeNull();
    const lines = card.fallback.split('\n');
    expect(lines[0]).toBe('Daily Papers · 2026-06-12');
    expect(lines[1]).toBe('17 papers');
    expect(lines[19]).toBe(
      '18. Why Do Transformers Forget Early Tokens? A Study of Attention Sinks — https://arxiv.org/abs/2606.93501',
    );
    expect(card.actions).toEqual([]);
  });

  it('shows a notice when there are no papers', () => {
    const card = paperListCard('This week', undefined, [], { emptyText: 'No papers this week yet.' });
    expect(card.subheader).toBeUndefined();
    expect(card.notices).toEqual([{ tone: 'info', text: 'No papers this week yet.' }]);
    expect(card.fallback).toBe('This week\nNo papers this week yet.');
    expect(paperListCard('Today', undefined, []).notices[0]?.text).toBe('No papers to show.');
  });
});

describe('paperDetailCard', () => {
  it('shows one paper in full with its id, category and organisation', () => {
    const paper = paperById(hf, '2606.93392');
    const card = paperDetailCard({ ...paper, primaryCategory: 'cs.CL' });
    expect(card.header).toBe('Helix: Sparse Attention for Genome-Scale DNA Language Models');
    expect(card.subheader).toBe('arXiv 2606.93392 · cs.CL · Quillon Labs');
    expect(card.items).toHaveLength(1);
    expect(card.items[0]?.abstract).toBe(paper.abstract);
    const lines = card.fallback.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Helix: Sparse Attention for Genome-Scale DNA Language Models',
      'arXiv 2606.93392 · cs.CL · Quillon Labs',
      'https://huggingface.co/papers/2606.93392',
    ]);
    expect(lines[3]?.startsWith('Helix lets DNA language models read a million bases')).toBe(true);
  });

  it('works for a bare paper', () => {
    expect(paperDetailCard(barePaper()).fallback).toBe(
      'A Bare Paper\narXiv 2606.00001\nhttps://arxiv.org/abs/2606.00001',
    );
  });
});

describe('noticeCard and emptyCard', () => {
  it('puts an error and its example in the card and the fallback', () => {
    const card = noticeCard({
      tone: 'error',
      text: 'Unknown timezone "Mars/Base".',
      example: '/papers schedule 09:30 Europe/Berlin weekdays',
    });
    expect(card.header).toBe('That did not work');
    expect(card.fallback).toBe(
      'That did not work\nUnknown timezone "Mars/Base".\nExample: /papers schedule 09:30 Europe/Berlin weekdays',
    );
  });

  it('takes a header, else one that fits the tone', () => {
    expect(noticeCard({ tone: 'success', text: 'Subscribed to lora.' }).header).toBe('Done');
    expect(noticeCard({ tone: 'warning', text: 'x' }).header).toBe('Heads up');
    expect(noticeCard({ tone: 'info', text: 'x' }, 'Subscriptions').fallback).toBe('Subscriptions\nx');
  });

  it('makes an empty card with an info notice', () => {
    expect(emptyCard('Subscriptions', 'This channel follows no terms yet.', 'none')).toEqual({
      header: 'Subscriptions',
      subheader: 'none',
      items: [],
      notices: [{ tone: 'info', text: 'This channel follows no terms yet.' }],
      actions: [],
      fallback: 'Subscriptions\nnone\nThis channel follows no terms yet.',
    });
  });
});
