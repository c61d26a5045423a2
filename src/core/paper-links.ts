import { normalizeArxivId } from './arxiv-id.js';

/** A link to one paper found in a message: the URL as written (with a scheme) and the paper's canonical id. */
export interface PaperLink {
  url: string;
  /** Canonical arXiv id without version: `2606.00467` or `hep-th/9901001`. */
  id: string;
}

/** At most this many paper links are read from one message: a pasted reading list gets cards for its first ones. */
export const MAX_LINKS_PER_MESSAGE = 10;

/**
 * A run of URL characters on one of the paper hosts, with or without a scheme. It stops at whitespace and at the
 * characters chat platforms wrap links in (`<https://…|label>`, `[label](https://…)`, quotes, brackets).
 */
const CANDIDATE =
  /(?:https?:\/\/)?(?:www\.|export\.|dx\.)?(?:arxiv\.org|huggingface\.co|hf\.co|alphaxiv\.org|doi\.org)\/[^\s<>|"'`()[\]{}]+/gi;

/** Punctuation that ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[.,;:!?*_~]+$/;

/**
 * The paper a link points to, or null when it is not a link to one paper (a listing, another site, a bad id).
 *
 * @example
 * paperIdOfUrl('https://arxiv.org/pdf/2606.00467v2.pdf');              // '2606.00467'
 * paperIdOfUrl('https://doi.org/10.48550/arXiv.2606.00467');            // '2606.00467'
 * paperIdOfUrl('https://arxiv.org/list/cs.LG/recent');                  // null
 */
export function paperIdOfUrl(url: string): string | null {
  const text = url.trim();
  if (!/^(?:https?:\/\/)?[a-z0-9.-]+\//i.test(text)) return null;
  return normalizeArxivId(text)?.id ?? null;
}

/**
 * The paper links in a message's text, each paper once (its first link), in the order written, at most
 * `MAX_LINKS_PER_MESSAGE`. A link without a scheme is returned with `https://`.
 *
 * @example
 * findPaperLinks('see <https://arxiv.org/abs/2606.00467v2|LoRA-Tune> and huggingface.co/papers/2606.00467.');
 * // [{ url: 'https://arxiv.org/abs/2606.00467v2', id: '2606.00467' }]
 */
export function findPaperLinks(text: string): PaperLink[] {
  const links: PaperLink[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(CANDIDATE)) {
    if (!startsWord(text, match.index)) continue;
    const written = trimTrailing(match[0]);
    const id = paperIdOfUrl(written);
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    links.push({ url: /^https?:\/\//i.test(written) ? written : `https://${written}`, id });
    if (links.length === MAX_LINKS_PER_MESSAGE) break;
  }
  return links;
}

/**
 * The text with every link on a paper host taken out (paper or not), e.g. to tell a message that only shares links
 * from one that says something about them.
 *
 * @example
 * withoutPaperLinks('https://arxiv.org/abs/2606.00467 , hf.co/papers/2606.00468'); // ' , '
 */
export const withoutPaperLinks = (text: string): string =>
  text.replace(CANDIDATE, (match, index: number) => (startsWord(text, index) ? '' : match));

/** `notarxiv.org/abs/…` and `user@arxiv.org` are not links to arXiv. */
const startsWord = (text: string, index: number): boolean =>
  index === 0 || !/[\w.@/-]/.test(text[index - 1] ?? '');

const trimTrailing = (candidate: string): string => candidate.replace(TRAILING_PUNCTUATION, '');
