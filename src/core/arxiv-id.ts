/** A canonical arXiv id (no version) and the version, when the input named one. */
export interface ArxivId {
  /** `2606.00467` or `hep-th/9901001`. */
  id: string;
  version?: number;
}

/** `YYMM.NNNN` (April 2007 to December 2014) or `YYMM.NNNNN` (from January 2015). */
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?$/;
/** `archive(.SUBJ)?/YYMMNNN`, August 1991 to March 2007. */
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(?:\.[A-Za-z]{2})?\/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$/;

/**
 * The pages that name one paper: arXiv's abstract, PDF and HTML pages (also on `export.`), Hugging Face's and
 * alphaXiv's paper pages, and the DOI arXiv registers for every paper (`10.48550/arXiv.<id>`).
 */
const URL_PREFIX =
  /^(?:https?:\/\/)?(?:(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/|(?:www\.)?(?:huggingface|hf)\.co\/papers\/|(?:www\.)?alphaxiv\.org\/(?:abs|overview|pdf)\/|(?:dx\.)?doi\.org\/10\.48550\/arxiv\.)/i;
const ARXIV_PREFIX = /^arxiv:/i;
const OAI_PREFIX = /^oai:arxiv\.org:/i;

/**
 * Reads an arXiv identifier in any common wrapping (a paper link of arXiv, Hugging Face, alphaXiv or arXiv's
 * DOI, `arXiv:`, OAI) and returns it canonical: version split off, and an old-style
 * subject class dropped (`math.GT/0309136` is `math/0309136`, as arXiv itself redirects). Returns null for
 * anything that is not an arXiv id.
 *
 * @example
 * normalizeArxivId('https://arxiv.org/abs/2606.00467v2'); // { id: '2606.00467', version: 2 }
 * normalizeArxivId('oai:arXiv.org:hep-th/9901001');       // { id: 'hep-th/9901001' }
 * normalizeArxivId('not an id');                            // null
 */
export const normalizeArxivId = (raw: string): ArxivId | null => {
  const bare = unwrap(raw.trim());
  return bare === null ? null : (parseNewStyle(bare) ?? parseOldStyle(bare));
};

/** Strips the URL, `arXiv:` or OAI wrapping; null when a URL has nothing after its path. */
const unwrap = (text: string): string | null => {
  if (URL_PREFIX.test(text)) {
    const path = text
      .replace(URL_PREFIX, '')
      .replace(/[?#].*$/, '')
      .replace(/\/$/, '');
    return path.replace(/\.pdf$/i, '') || null;
  }
  if (OAI_PREFIX.test(text)) return text.replace(OAI_PREFIX, '');
  if (ARXIV_PREFIX.test(text)) return text.replace(ARXIV_PREFIX, '');
  return text;
};

const parseNewStyle = (text: string): ArxivId | null => {
  const match = NEW_STYLE.exec(text);
  if (!match) return null;
  const [, yy = '', mm = '', number = '', version] = match;
  const yymm = Number(`${yy}${mm}`);
  if (!isMonth(mm) || yymm < 704) return null;
  if (number.length !== (yymm < 1501 ? 4 : 5)) return null;
  return withVersion(`${yy}${mm}.${number}`, version);
};

const parseOldStyle = (text: string): ArxivId | null => {
  const match = OLD_STYLE.exec(text);
  if (!match) return null;
  const [, archive = '', yy = '', mm = '', number = '', version] = match;
  if (!isMonth(mm) || !isOldStyleMonth(Number(yy), Number(mm))) return null;
  return withVersion(`${archive}/${yy}${mm}${number}`, version);
};

const isMonth = (mm: string): boolean => Number(mm) >= 1 && Number(mm) <= 12;

/** Old-style ids ran from 9108 (1991) to 0703 (2007). */
const isOldStyleMonth = (yy: number, mm: number): boolean =>
  yy >= 91 ? yy * 100 + mm >= 9108 : yy * 100 + mm <= 703;

const withVersion = (id: string, version: string | undefined): ArxivId | null => {
  if (version === undefined) return { id };
  const n = Number(version);
  return n >= 1 ? { id, version: n } : null;
};
