import { normalizeArxivId } from '../arxiv-id.js';

/** Slack wraps links as `<https://…>` or `<https://…|label>`. */
const SLACK_LINK = /^<([^|>]+)(?:\|[^>]*)?>$/;

/**
 * Reads the paper a user names: an arXiv id (`2606.00467`, `arXiv:2606.00467v2`, `hep-th/9901001`) or a link to
 * its arXiv or Hugging Face page, and returns the id without version; undefined for anything else.
 *
 * @example
 * parsePaperId('https://huggingface.co/papers/2606.00467'); // '2606.00467'
 * parsePaperId('math.GT/0309136v1');                        // 'math/0309136'
 */
export function parsePaperId(input: string): string | undefined {
  const text = input.trim();
  return normalizeArxivId(SLACK_LINK.exec(text)?.[1] ?? text)?.id;
}
