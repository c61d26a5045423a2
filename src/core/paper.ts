/** Where a paper's data came from. */
export type PaperSource = 'hf' | 'arxiv';

export interface PaperLinks {
  abs?: string;
  pdf?: string;
  doi?: string;
  journalRef?: string;
}

/**
 * What a source knows about one paper. A field a source does not know is left undefined, and the store
 * keeps whatever it already had for that field (newer data updates, absence never blanks).
 *
 * @example
 * const input: PaperInput = { id: '2606.00467', title: 'LoRA-Tune', source: 'hf', upvotes: 12 };
 */
export interface PaperInput {
  /** Canonical arXiv id without version: `2606.00467` or `hep-th/9901001`. */
  id: string;
  version?: number;
  title: string;
  abstract?: string;
  /** Author names in paper order. */
  authors?: string[];
  publishedAt?: Date;
  updatedAt?: Date;
  categories?: string[];
  primaryCategory?: string;
  comment?: string;
  links?: PaperLinks;
  upvotes?: number;
  numComments?: number;
  /** The Hugging Face Daily Papers day, `YYYY-MM-DD`. */
  dailyDate?: string;
  aiSummary?: string;
  aiKeywords?: string[];
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  organization?: string;
  thumbnail?: string;
  source: PaperSource;
}

/** A paper as stored: every source merged into one record. */
export interface Paper {
  id: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: Date | null;
  updatedAt: Date | null;
  categories: string[];
  primaryCategory: string | null;
  comment: string | null;
  links: PaperLinks;
  upvotes: number | null;
  numComments: number | null;
  dailyDate: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  organization: string | null;
  thumbnail: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  sources: PaperSource[];
}

/** An item a source could not use, kept with the run record so an operator can see why. */
export interface SkippedItem {
  id: string;
  reason: string;
}

/** What parsing one response yields: the usable papers and the items skipped with their reasons. */
export interface ParsedBatch {
  papers: PaperInput[];
  skipped: SkippedItem[];
}

export const hfPaperUrl = (id: string): string => `https://huggingface.co/papers/${id}`;
export const arxivAbsUrl = (id: string): string => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string): string => `https://arxiv.org/pdf/${id}`;
