/** An arXiv category: `cs.LG`, `hep-th`, `math.GT`, `q-bio.NC`. */
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

/** The earliest submission date arXiv holds; the lower bound when only `to` is given. */
const ARXIV_EPOCH = new Date('1991-08-01T00:00:00Z');

/**
 * Throws `RangeError` unless `categories` is a non-empty list of arXiv category names.
 *
 * @example
 * assertCategories(['cs.LG', 'hep-th']); // passes
 * assertCategories(['cs.LG OR all:x']);  // throws
 */
export const assertCategories = (categories: readonly string[]): void => {
  if (categories.length === 0) {
    throw new RangeError('Name at least one arXiv category, e.g. cs.LG or hep-th.');
  }
  const bad = categories.filter((category) => !CATEGORY.test(category));
  if (bad.length > 0) {
    throw new RangeError(
      `Not arXiv categories: ${bad.map((c) => JSON.stringify(c)).join(', ')}. Use names like cs.LG or hep-th.`,
    );
  }
};

/** `YYYYMMDDHHMM` in GMT, the format of `submittedDate:[… TO …]`. */
export const arxivTimestamp = (date: Date): string => date.toISOString().replace(/[-:T]/g, '').slice(0, 12);

/** The submission window of a search; `to` is exclusive. */
export interface SubmittedRange {
  from?: Date;
  to?: Date;
}

/**
 * `(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202606120000 TO 202606122359]`. arXiv's range is inclusive to the
 * minute, so an exclusive `to` becomes the minute before it. With one bound missing, the other side is open
 * (arXiv's first day, or `now`).
 */
export const buildSearchQuery = (categories: readonly string[], range: SubmittedRange, now: Date): string => {
  assertCategories(categories);
  const anyCategory = `(${categories.map((category) => `cat:${category}`).join(' OR ')})`;
  if (!range.from && !range.to) return anyCategory;
  const from = range.from ?? ARXIV_EPOCH;
  const to = range.to ? new Date(range.to.getTime() - 60_000) : now;
  if (from.getTime() > to.getTime()) {
    throw new RangeError(
      `The search window is empty: from ${from.toISOString()} is after to ${to.toISOString()}.`,
    );
  }
  return `${anyCategory} AND submittedDate:[${arxivTimestamp(from)} TO ${arxivTimestamp(to)}]`;
};
