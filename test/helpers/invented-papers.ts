import type { PaperInput } from '../../src/core/paper.js';

/** An invented paper of a Daily-Papers day, in cs.LG. */
export const hfPaper = (id: string, title: string, upvotes: number, day: string): PaperInput => ({
  id,
  title,
  abstract: `We study ${title.toLowerCase()}. It works.`,
  authors: ['Ada Quill'],
  dailyDate: day,
  upvotes,
  publishedAt: new Date(`${day}T00:00:00Z`),
  categories: ['cs.LG'],
  source: 'hf',
});

/** An invented arXiv-only paper in one category. */
export const arxivPaper = (
  id: string,
  title: string,
  category = 'cs.LG',
  publishedAt = '2026-06-12T08:00:00Z',
): PaperInput => ({
  id,
  title,
  abstract: `We study ${title.toLowerCase()}. It works.`,
  authors: ['Bo Lindqvist'],
  publishedAt: new Date(publishedAt),
  categories: [category],
  primaryCategory: category,
  source: 'arxiv',
});
