/**
 * One keyword-subscription term of a channel.
 * - `word`: `lora` — stemmed like search (`adapters` matches `adapter`).
 * - `phrase`: `"diffusion transformer"` — the words in that order.
 * - `exclude`: `-survey` or `-"literature review"` — a paper containing it never matches this channel.
 * - `author`: `author:"Ilse Marrow"` — an author name, case-insensitive.
 * - `category`: `category:cs.CL` — an arXiv category.
 *
 * @example
 * const term: SubscriptionTerm = { kind: 'phrase', value: 'diffusion transformer', text: '"diffusion transformer"' };
 */
export interface SubscriptionTerm {
  kind: 'word' | 'phrase' | 'exclude' | 'author' | 'category';
  /** The searched value without syntax: `lora`, `diffusion transformer`, `Ilse Marrow`, `cs.CL`. */
  value: string;
  /** The canonical way to write the term, shown to users and used to spot duplicates (case-insensitive). */
  text: string;
}

export const SUBSCRIPTION_LIMITS = { maxTermsPerChannel: 50, minLength: 2, maxLength: 100 } as const;
