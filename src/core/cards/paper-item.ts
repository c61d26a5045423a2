import { utcDay } from '../days.js';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl, type Paper } from '../paper.js';
import { extractiveTldr } from '../tldr/extractive-tldr.js';
import type { PaperItem } from './card.js';
import { stripControlChars } from './sanitize.js';
import { formatAuthors, truncateAtWord } from './text.js';

/** The longest one-line summary a card shows (HF's AI summaries run to ~260 characters). */
export const SUMMARY_MAX = 200;

/** True when the paper came through Hugging Face Daily Papers, so it has a page there. */
export const isOnHuggingFace = (paper: Paper): boolean =>
  paper.sources.includes('hf') || paper.upvotes !== null || paper.dailyDate !== null;

/**
 * One paper as a card shows it: a one-line title, the HF page (else the arXiv page), the first three authors,
 * a one-line summary (HF's AI summary, else the abstract's sentence that best says what the paper does; a model's
 * TL;DR replaces it later, see `withTldrs`) and the links that exist. Control
 * characters are removed from the paper's text here; renderers still escape it for their platform.
 *
 * @example
 * toPaperItem(paper, '"diffusion transformer"').url; // 'https://huggingface.co/papers/2606.08788'
 */
export const toPaperItem = (paper: Paper, matchedTerm: string | null = null): PaperItem => {
  const onHf = isOnHuggingFace(paper);
  const code = codeLink(paper);
  const projectPage = webUrl(paper.projectPage);
  const links: PaperItem['links'] = [];
  if (onHf) links.push({ label: 'Hugging Face', url: hfPaperUrl(paper.id) });
  links.push({ label: 'arXiv', url: arxivAbsUrl(paper.id) }, { label: 'PDF', url: arxivPdfUrl(paper.id) });
  if (code) links.push({ label: 'Code', url: code.url });
  if (projectPage) links.push({ label: 'Project page', url: projectPage });

  const title = stripControlChars(paper.title);
  const abstract = stripControlChars(paper.abstract, { multiline: true });
  return {
    id: paper.id,
    title: title === '' ? paper.id : title,
    url: onHf ? hfPaperUrl(paper.id) : arxivAbsUrl(paper.id),
    upvotes: paper.upvotes,
    comments: paper.numComments,
    authors: formatAuthors(paper.authors.map((name) => stripControlChars(name))),
    date: paper.dailyDate ?? publishedDay(paper.publishedAt),
    code,
    ...summaryOf(paper.aiSummary, abstract),
    matchedTerm: matchedTerm === null ? null : stripControlChars(matchedTerm) || null,
    abstract,
    links,
  };
};

const summaryOf = (
  aiSummary: string | null,
  abstract: string,
): Pick<PaperItem, 'summary' | 'summaryKind'> => {
  const ai = stripControlChars(aiSummary ?? '');
  return ai !== ''
    ? { summary: truncateAtWord(ai, SUMMARY_MAX), summaryKind: 'hf' }
    : { summary: extractiveTldr(abstract, SUMMARY_MAX), summaryKind: 'abstract' };
};

const publishedDay = (at: Date | null): string | null =>
  at === null || Number.isNaN(at.getTime()) ? null : utcDay(at);

/** The repository as a link: a full http(s) URL, or `owner/repo` read as a GitHub repository. */
const codeLink = (paper: Paper): PaperItem['code'] => {
  const repo = paper.githubRepo?.trim() ?? '';
  const url = /^[\w.-]+\/[\w.-]+$/.test(repo) ? `https://github.com/${repo}` : webUrl(repo);
  return url ? { url, stars: paper.githubStars } : null;
};

/** The text when it is an absolute http(s) URL, else null (so no `javascript:` link reaches a card). */
const webUrl = (text: string | null): string | null => {
  const candidate = text?.trim() ?? '';
  if (!/^https?:\/\/[^\s\p{Cc}]+$/iu.test(candidate)) return null;
  return URL.canParse(candidate) ? candidate : null;
};
