import type { z } from 'zod';
import { isCalendarDate, utcDay } from '../core/days.js';
import { type Logger, silentLogger } from '../core/logger.js';
import type { PaperInput, ParsedBatch, SkippedItem } from '../core/paper.js';
import {
  type HfDailyPaperItem,
  type HfOrganization,
  hfDailyPaperItemSchema,
} from './hf-daily-papers-schema.js';
import type { HttpClient } from './http-client.js';
import { cleanText } from './normalize-whitespace.js';
import { MalformedPayloadError } from './source-errors.js';

/**
 * Parses a `GET /api/daily_papers` body. Throws `MalformedPayloadError` when the body is not a JSON array; checks
 * each item on its own, so one bad item is skipped (with its id and the reason) and the rest still come through.
 *
 * @example
 * const { papers, skipped } = parseHfDailyPapers(body);
 */
export const parseHfDailyPapers = (body: string): ParsedBatch => {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new MalformedPayloadError('a JSON array of Daily Papers items', body, { cause: error });
  }
  if (!Array.isArray(data)) {
    throw new MalformedPayloadError('a JSON array of Daily Papers items', body, {
      detail: 'got a JSON value',
    });
  }
  const papers: PaperInput[] = [];
  const skipped: SkippedItem[] = [];
  data.forEach((item: unknown, index) => {
    const result = hfDailyPaperItemSchema.safeParse(item);
    if (result.success) papers.push(toPaperInput(result.data));
    else skipped.push({ id: itemLabel(item, index), reason: describeIssues(result.error.issues) });
  });
  return { papers, skipped };
};

const toPaperInput = (item: HfDailyPaperItem): PaperInput => {
  const { paper } = item;
  return {
    id: paper.id.id,
    title: cleanText(paper.title) ?? paper.title,
    abstract: cleanText(paper.summary),
    // `hidden` only hides the author's HF profile link; they are still an author of the paper.
    authors: paper.authors?.map((author) => author.name.trim()).filter((name) => name !== ''),
    publishedAt: paper.publishedAt ? new Date(paper.publishedAt) : undefined,
    dailyDate: paper.submittedOnDailyAt ? utcDay(new Date(paper.submittedOnDailyAt)) : undefined,
    upvotes: paper.upvotes ?? undefined,
    numComments: item.numComments ?? undefined,
    aiSummary: cleanText(paper.ai_summary),
    aiKeywords: paper.ai_keywords ?? undefined,
    githubRepo: cleanText(paper.githubRepo),
    githubStars: paper.githubStars ?? undefined,
    projectPage: cleanText(paper.projectPage),
    organization: organizationName(paper.organization) ?? organizationName(item.organization),
    thumbnail: cleanText(item.thumbnail),
    source: 'hf',
  };
};

const organizationName = (organization: HfOrganization | null | undefined): string | undefined =>
  cleanText(organization?.fullname) ?? cleanText(organization?.name);

/** The paper id of an item that failed validation, else its position (`#3`). */
const itemLabel = (item: unknown, index: number): string => {
  if (typeof item === 'object' && item !== null && 'paper' in item) {
    const { paper } = item as { paper: unknown };
    if (typeof paper === 'object' && paper !== null && 'id' in paper) {
      const { id } = paper as { id: unknown };
      if (typeof id === 'string' && id.trim() !== '') return id.trim();
    }
  }
  return `#${index}`;
};

/** `paper.title: Invalid input: expected string, received undefined`, at most three of them. */
const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(item)'}: ${issue.message}`)
    .join('; ');

/** One page of a Daily Papers day. */
export interface HfDailyPapersPage {
  /** 0-based, as the API counts. */
  page: number;
  batch: ParsedBatch;
}

/** Progress after each request, the final empty page included. */
export type HfPageListener = (progress: { page: number; items: number }) => void;

/**
 * Reads Hugging Face Daily Papers.
 *
 * @example
 * const hf = createHfDailyPapersSource({ baseUrl: 'https://huggingface.co', http, logger });
 * for await (const { page, batch } of hf.fetchDay('2026-06-12')) store(batch.papers);
 */
export interface HfDailyPapersSource {
  /**
   * Every paper of one Daily Papers day (`YYYY-MM-DD`), page by page from `p=0` until the API answers `[]`.
   * Throws `RangeError` for a date that is not a real `YYYY-MM-DD` day.
   */
  fetchDay(date: string, onPage?: HfPageListener): AsyncGenerator<HfDailyPapersPage>;
}

export interface HfDailyPapersSourceOptions {
  /** `https://huggingface.co`; the path `/api/daily_papers` is added. */
  baseUrl: string;
  http: HttpClient;
  /** `limit` per request; the API allows up to 100. */
  pageSize?: number;
  /** A safety stop in case the API never answers an empty page. */
  maxPages?: number;
  logger?: Logger;
}

export const createHfDailyPapersSource = (options: HfDailyPapersSourceOptions): HfDailyPapersSource => {
  const pageSize = options.pageSize ?? 100;
  const maxPages = options.maxPages ?? 50;
  const log = options.logger ?? silentLogger;
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/api/daily_papers`;

  return {
    async *fetchDay(date, onPage) {
      if (!isCalendarDate(date)) {
        throw new RangeError(
          `The Daily Papers day must be a real date written YYYY-MM-DD, e.g. 2026-06-12; got "${date}".`,
        );
      }
      for (let page = 0; page < maxPages; page++) {
        const url = new URL(endpoint);
        url.search = new URLSearchParams({ date, limit: String(pageSize), p: String(page) }).toString();
        const { body } = await options.http.getText(url.toString(), { accept: 'application/json' });
        const batch = parseHfDailyPapers(body);
        const items = batch.papers.length + batch.skipped.length;
        log.debug('daily papers page fetched', { date, page, items, skipped: batch.skipped.length });
        onPage?.({ page, items });
        if (items === 0) return;
        yield { page, batch };
      }
      log.warn('stopped paging before an empty page: the day may be incomplete', { date, maxPages });
    },
  };
};
