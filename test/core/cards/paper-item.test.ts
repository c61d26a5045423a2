import { describe, expect, it } from 'vitest';
import { SUMMARY_MAX, toPaperItem } from '../../../src/core/cards/paper-item.js';
import { arxivPapers, barePaper, hfPapers, paperById } from './paper-fixtures.js';

describe('toPaperItem on fixture papers', () => {
  it('maps a Daily Papers paper with an AI summary, a GitHub repo and a project page', () => {
    const paper = paperById(hfPapers(), '2606.90423');
    const item = toPaperItem(paper, '"web agents"');
    expect(item).toMatchObject({
      id: '2606.90423',
      title: 'Cartographer: Curiosity-Driven Exploration for Warehouse Mapping Robots',
      url: 'https://huggingface.co/papers/2606.90423',
      upvotes: 2,
      comments: 1,
      date: '2026-06-12',
      code: { url: 'https://github.com/cartographer-bots/cartographer', stars: 5 },
      matchedTerm: '"web agents"',
    });
    expect(item.authors.split(', ')).toHaveLength(3);
    expect(item.authors.endsWith(' et al.')).toBe(false);
    expect(item.summary).toBe(paper.aiSummary?.replace(/\s+/g, ' ').trim());
    expect(
      item.abstract.startsWith(
        'Mapping a warehouse means driving past every aisle while shelves change daily.',
      ),
    ).toBe(true);
    expect(item.links).toEqual([
      { label: 'Hugging Face', url: 'https://huggingface.co/papers/2606.90423' },
      { label: 'arXiv', url: 'https://arxiv.org/abs/2606.90423' },
      { label: 'PDF', url: 'https://arxiv.org/pdf/2606.90423' },
      { label: 'Code', url: 'https://github.com/cartographer-bots/cartographer' },
      { label: 'Project page', url: 'https://cartographer-bots.github.io/' },
    ]);
  });

  it('cuts an AI summary longer than the limit at a word', () => {
    const fixturePaper = paperById(hfPapers(), '2606.99446');
    const paper = { ...fixturePaper, aiSummary: `${fixturePaper.aiSummary} ${fixturePaper.aiSummary}` };
    expect(paper.aiSummary.length).toBeGreaterThan(SUMMARY_MAX);
    const { summary } = toPaperItem(paper);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(summary.endsWith('…')).toBe(true);
    expect(paper.aiSummary.startsWith(summary.slice(0, -1))).toBe(true);
  });

  it('adds et al. after three of many authors', () => {
    const item = toPaperItem(paperById(hfPapers(), '2606.93392'));
    expect(item.authors).toBe('Nikolai Bellweather, Yara Kettering, Jun Sandoval et al.');
    expect(item.code).toEqual({ url: 'https://github.com/helix-dna/helix', stars: 412 });
  });

  it('maps an arXiv-only paper: arXiv page, publication day, the sentence that says what it does, no HF or code link', () => {
    const item = toPaperItem(paperById(arxivPapers(), '2606.93677'));
    expect(item).toEqual({
      id: '2606.93677',
      title: 'Trowel: A Transformer Policy for Robotic Bricklaying',
      url: 'https://arxiv.org/abs/2606.93677',
      upvotes: null,
      comments: null,
      authors: 'Marit Solheim, Kenji Arakawa, Ansel Quarrington et al.',
      date: '2026-06-11',
      code: null,
      // Not the background first sentence: the one that says what Trowel does.
      summary: expect.stringMatching(/^Trowel trains a transformer policy from a few demonstrations/),
      summaryKind: 'abstract',
      matchedTerm: null,
      abstract: expect.stringMatching(/^Bricklaying robots on .* every wall\. Trowel trains/),
      links: [
        { label: 'arXiv', url: 'https://arxiv.org/abs/2606.93677' },
        { label: 'PDF', url: 'https://arxiv.org/pdf/2606.93677' },
      ],
    });
  });
});

describe('toPaperItem on edge cases', () => {
  it('treats a paper with upvotes or a Daily-Papers day as on Hugging Face even without the hf source', () => {
    expect(toPaperItem(barePaper({ upvotes: 0 })).url).toBe('https://huggingface.co/papers/2606.00001');
    expect(toPaperItem(barePaper({ dailyDate: '2026-06-12' })).date).toBe('2026-06-12');
    expect(toPaperItem(barePaper()).url).toBe('https://arxiv.org/abs/2606.00001');
  });

  it('prefers the Daily-Papers day over the publication day', () => {
    const paper = barePaper({ dailyDate: '2026-06-12', publishedAt: new Date('2026-05-30T23:00:00Z') });
    expect(toPaperItem(paper).date).toBe('2026-06-12');
    expect(toPaperItem(barePaper({ publishedAt: new Date('2026-05-30T23:00:00Z') })).date).toBe('2026-05-30');
    expect(toPaperItem(barePaper({ publishedAt: new Date(Number.NaN) })).date).toBeNull();
  });

  it('normalises whitespace and strips control characters in the title', () => {
    const item = toPaperItem(barePaper({ title: ' Evil\u001b[2J  title\n\u0007 ' }));
    expect(item.title).toBe('Evil title');
    expect(toPaperItem(barePaper({ title: '\u0007' })).title).toBe('2606.00001');
  });

  it('reads owner/repo as GitHub and drops links that are not http(s)', () => {
    const item = toPaperItem(
      barePaper({ githubRepo: 'owner/repo', githubStars: null, projectPage: 'javascript:alert(1)' }),
    );
    expect(item.code).toEqual({ url: 'https://github.com/owner/repo', stars: null });
    expect(item.links.map((link) => link.label)).toEqual(['arXiv', 'PDF', 'Code']);
    expect(toPaperItem(barePaper({ githubRepo: 'ftp://x.example/repo' })).code).toBeNull();
  });

  it('gives an empty summary, authors and abstract for a paper that has none', () => {
    expect(toPaperItem(barePaper())).toMatchObject({
      summary: '',
      authors: '',
      abstract: '',
      matchedTerm: null,
    });
  });

  it('falls back to the first sentence when the AI summary is blank', () => {
    const item = toPaperItem(barePaper({ aiSummary: '  ', abstract: 'One. Two.' }));
    expect(item.summary).toBe('One.');
  });
});
