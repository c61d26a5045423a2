import type { Paper, PaperInput } from '../../../src/core/paper.js';
import { parseArxivAtom } from '../../../src/sources/arxiv-atom.js';
import { parseHfDailyPapers } from '../../../src/sources/hf-daily-papers.js';
import { FIXTURE, readFixture } from '../../helpers/fixtures.js';

const SEEN_AT = new Date('2026-06-12T12:00:00Z');

/** A stored paper made from one source's input, with the defaults the store would fill in. */
export const paperFromInput = (input: PaperInput, overrides: Partial<Paper> = {}): Paper => ({
  id: input.id,
  version: input.version ?? null,
  title: input.title,
  abstract: input.abstract ?? '',
  authors: input.authors ?? [],
  publishedAt: input.publishedAt ?? null,
  updatedAt: input.updatedAt ?? null,
  categories: input.categories ?? [],
  primaryCategory: input.primaryCategory ?? null,
  comment: input.comment ?? null,
  links: input.links ?? {},
  upvotes: input.upvotes ?? null,
  numComments: input.numComments ?? null,
  dailyDate: input.dailyDate ?? null,
  aiSummary: input.aiSummary ?? null,
  aiKeywords: input.aiKeywords ?? null,
  githubRepo: input.githubRepo ?? null,
  githubStars: input.githubStars ?? null,
  projectPage: input.projectPage ?? null,
  organization: input.organization ?? null,
  thumbnail: input.thumbnail ?? null,
  firstSeenAt: SEEN_AT,
  lastSeenAt: SEEN_AT,
  sources: [input.source],
  ...overrides,
});

/** The 17 Daily Papers of 2026-06-12, as stored papers. */
export const hfPapers = (): Paper[] =>
  parseHfDailyPapers(readFixture(FIXTURE.hfDay)).papers.map((input) => paperFromInput(input));

/** The 5 arXiv-only papers of the `transformer AND cat:cs.LG` query. */
export const arxivPapers = (): Paper[] =>
  parseArxivAtom(readFixture(FIXTURE.arxivTransformer)).papers.map((input) => paperFromInput(input));

/** The paper with the given id, or a test failure. */
export const paperById = (papers: Paper[], id: string): Paper => {
  const paper = papers.find((candidate) => candidate.id === id);
  if (!paper) throw new Error(`no paper ${id} in the fixture`);
  return paper;
};

/** A hand-made paper with every optional field empty. */
export const barePaper = (overrides: Partial<Paper> = {}): Paper =>
  paperFromInput({ id: '2606.00001', title: 'A Bare Paper', source: 'arxiv' }, overrides);
