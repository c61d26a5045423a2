/** `YYMM.NNNN` (April 2007 to December 2014) or `YYMM.NNNNN` (from January 2015), optional version. */
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v\d+)?$/;
/** `archive(.SUBJ)?/YYMMNNN`, August 1991 to March 2007, optional version. */
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(?:\.[A-Za-z]{2})?\/(\d{2})(\d{2})(\d{3})(?:v\d+)?$/;
const PAPER_URL =
  /^https?:\/\/(?:www\.|export\.)?(?:arxiv\.org\/(?:abs|pdf)|(?:huggingface|hf)\.co\/papers)\//i;
/** Slack wraps links as `<https://…>` or `<https://…|label>`. */
const SLACK_LINK = /^<([^|>]+)(?:\|[^>]*)?>$/;

/**
 * Reads the paper a user names: an arXiv id (`2606.00467`, `arXiv:2606.00467v2`, `hep-th/9901001`) or a link to
 * its arXiv or Hugging Face page, and returns the id without version; undefined for anything else.
 *
 * The same rules as `normalizeArxivId` in `src/sources/arxiv-id.ts`, which the core may not import.
 *
 * @example
 * parsePaperId('https://huggingface.co/papers/2606.00467'); // '2606.00467'
 * parsePaperId('math.GT/0309136v1');                        // 'math/0309136'
 */
export function parsePaperId(input: string): string | undefined {
  const bare = unwrap(input.trim());
  return newStyle(bare) ?? oldStyle(bare);
}

const unwrap = (text: string): string => {
  const link = SLACK_LINK.exec(text)?.[1] ?? text;
  if (PAPER_URL.test(link)) {
    return link
      .replace(PAPER_URL, '')
      .replace(/[?#].*$/, '')
      .replace(/\/$/, '')
      .replace(/\.pdf$/i, '');
  }
  return link.replace(/^arxiv:/i, '');
};

const newStyle = (text: string): string | undefined => {
  const [, yy = '', mm = '', number = ''] = NEW_STYLE.exec(text) ?? [];
  const yymm = Number(`${yy}${mm}`);
  if (!isMonth(mm) || yymm < 704 || number.length !== (yymm < 1501 ? 4 : 5)) return undefined;
  return `${yy}${mm}.${number}`;
};

const oldStyle = (text: string): string | undefined => {
  const [, archive = '', yy = '', mm = '', number = ''] = OLD_STYLE.exec(text) ?? [];
  const yymm = Number(yy) * 100 + Number(mm);
  if (!isMonth(mm) || (Number(yy) >= 91 ? yymm < 9108 : yymm > 703)) return undefined;
  return `${archive}/${yy}${mm}${number}`;
};

const isMonth = (mm: string): boolean => Number(mm) >= 1 && Number(mm) <= 12;
