import { papers } from '../db/schema.js';

/** Every column of a stored paper except the derived search columns, for selects that return `Paper`s. */
export const paperColumns = {
  id: papers.id,
  version: papers.version,
  title: papers.title,
  abstract: papers.abstract,
  authors: papers.authors,
  publishedAt: papers.publishedAt,
  updatedAt: papers.updatedAt,
  categories: papers.categories,
  primaryCategory: papers.primaryCategory,
  comment: papers.comment,
  links: papers.links,
  upvotes: papers.upvotes,
  numComments: papers.numComments,
  dailyDate: papers.dailyDate,
  aiSummary: papers.aiSummary,
  aiKeywords: papers.aiKeywords,
  githubRepo: papers.githubRepo,
  githubStars: papers.githubStars,
  projectPage: papers.projectPage,
  organization: papers.organization,
  thumbnail: papers.thumbnail,
  firstSeenAt: papers.firstSeenAt,
  lastSeenAt: papers.lastSeenAt,
  sources: papers.sources,
};
