import { z } from 'zod';
import { normalizeArxivId } from '../core/arxiv-id.js';

/*
 * The parts of one `/api/daily_papers` item that we use. The real API leaves a missing field out (never null),
 * but null is read as absent all the same; unknown fields pass through (`looseObject`), because HF keeps adding
 * some (`githubRepoAddedBy`, `ai_summary_model`).
 */

const optionalString = z.string().nullish();
const optionalCount = z.number().int().nonnegative().nullish();
const isoDateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');

const hfAuthorSchema = z.looseObject({ name: z.string(), hidden: z.boolean().nullish() });

const hfOrganizationSchema = z.looseObject({ name: optionalString, fullname: optionalString });

const hfPaperSchema = z.looseObject({
  /** Read into `{ id, version }`; an id that is not an arXiv id fails the item. */
  id: z.string().transform((value, context) => {
    const arxivId = normalizeArxivId(value);
    if (arxivId) return arxivId;
    context.issues.push({ code: 'custom', message: 'not an arXiv id', input: value });
    return z.NEVER;
  }),
  title: z.string().refine((value) => value.trim() !== '', 'empty title'),
  summary: optionalString,
  authors: z.array(hfAuthorSchema).nullish(),
  publishedAt: isoDateTime.nullish(),
  submittedOnDailyAt: isoDateTime.nullish(),
  upvotes: optionalCount,
  ai_summary: optionalString,
  ai_keywords: z.array(z.string()).nullish(),
  githubRepo: optionalString,
  githubStars: optionalCount,
  projectPage: optionalString,
  organization: hfOrganizationSchema.nullish(),
});

/** One item of the `GET /api/daily_papers` array, as far as we read it. */
export const hfDailyPaperItemSchema = z.looseObject({
  paper: hfPaperSchema,
  numComments: optionalCount,
  thumbnail: optionalString,
  organization: hfOrganizationSchema.nullish(),
});

export type HfDailyPaperItem = z.infer<typeof hfDailyPaperItemSchema>;
export type HfOrganization = z.infer<typeof hfOrganizationSchema>;
