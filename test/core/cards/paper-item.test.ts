import { describe, expect, it } from 'vitest';
import { SUMMARY_MAX, toPaperItem } from '../../../src/core/cards/paper-item.js';
import { arxivPapers, barePaper, hfPapers, paperById } from './paper-fixtures.js';

describe('toPaperItem on real fixture papers', () => {
  it('maps a Daily Papers paper with an AI summary, a GitHub repo and a project page', () => {
    const paper = paperById(hfPapers(), '2606.07867');
    const item = toPaperItem(paper, '"LLM agents"');
    expect(item).toMatchObject({
      id: '2606.07867',
      title: 'The Cold-Start Safety Gap in LLM Agents',
      url: 'https://huggingface.co/papers/2606.07867',
      upvotes: 2,
      comments: 2,
      date: '2026-06-12',
      code: { url: 'https://github.com/Trustworthy-ML-Lab/Agent-Cold-Start-Safety-Gap', stars: 1 },
      matchedTerm: '"LLM agents"',
    });
    expect(item.authors.split(', ')).toHaveLength(3);
    expect(item.authors.endsWith(' et al.')).toBe(false);
    expect(item.summary).toBe(paper.aiSummary?.replace(/\s+/g, ' ').trim());
    expect(
      item.abstract.startsWith('Are tool-calling LLM agents equally safe throughout a conversation?'),
    ).toBe(true);
    expect(item.links).toEqual([
      { label: 'Hugging Face', url: 'https://huggingface.co/papers/2606.07867' },
      { label: 'arXiv', url: 'https://arxiv.org/abs/2606.07867' },
      { label: 'PDF', url: 'https://arxiv.org/pdf/2606.07867' },
      { label: 'Code', url: 'https://github.com/Trustworthy-ML-Lab/Agent-Cold-Start-Safety-Gap' },
      { label: 'Project page', url: 'https://lilywenglab.github.io/Agent-Cold-Start-Safety-Gap/' },
    ]);
  });

  it('cuts an AI summary longer than the limit at a word', () => {
    const paper = paperById(hfPapers(), '2606.09446');
    expect(paper.aiSummary?.length).toBeGreaterThan(SUMMARY_MAX);
    const { summary } = toPaperItem(paper);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(summary.endsWith('…')).toBe(true);
    expect(paper.aiSummary?.startsWith(summary.slice(0, -1))).toBe(true);
  });

  it('adds et al. after three of many authors', () => {
    const item = toPaperItem(paperById(hfPapers(), '2606.13392'));
    expect(item.authors).toBe('Xunhao Lai, Weiqi Xu, Yufeng Yang et al.');
    expect(item.code).toEqual({ url: 'https://github.com/MiniMax-AI/MSA', stars: 251 });
  });

  it('maps an arXiv-only paper: arXiv page, publication day, first sentence, no HF or code link', () => {
    const item = toPaperItem(paperById(arxivPapers(), '2606.13677'));
    expect(item).toEqual({
      id: '2606.13677',
      title: 'Mana: Dexterous Manipulation of Articulated Tools',
      url: 'https://arxiv.org/abs/2606.13677',
      upvotes: null,
      comments: null,
      authors: 'Zhao-Heng Yin, Guanya Shi, Pieter Abbeel et al.',
      date: '2026-06-11',
      code: null,
      summary:
        'Articulated tool manipulation remains a major challenge in dexterous robotics due to the need to coordinate internal degrees of freedom and contact-rich interactions.',
      matchedTerm: null,
      abstract: expect.stringMatching(
        /^Articulated tool manipulation .* contact-rich interactions\. While prior/,
      ),
      links: [
        { label: 'arXiv', url: 'https://arxiv.org/abs/2606.13677' },
        { label: 'PDF', url: 'https://arxiv.org/pdf/2606.13677' },
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
