import type { APIEmbed } from 'discord.js';
import { type PaperItem, summaryLabel } from '../../core/cards/card.js';
import { oneLine } from '../../core/cards/text.js';
import { countsText } from '../../core/feedback/feedback.js';
import { fitEscaped } from './markdown.js';
import { COLORS, capEmbed, safeUrl } from './paper-embed.js';

/**
 * A shared paper's card is small, so that a message with ten of them (the most links read from one message)
 * stays within Discord's 6000 characters: about 580 each with the largest counts.
 */
const TITLE_MAX = 140;
const AUTHORS_MAX = 80;
const SUMMARY_MAX = 170;
/** A longer repository URL is shown as the word "Code" without a link. */
const CODE_URL_MAX = 100;

/** `[Code](https://github.com/x/y) ★ 412`; `Code ★ 412` when the URL is long or not plain http(s). */
const codeText = (code: PaperItem['code']): string | null => {
  if (!code) return null;
  const url = safeUrl(code.url);
  const label = url && url.length <= CODE_URL_MAX ? `[Code](${url})` : 'Code';
  return code.stars === null ? label : `${label} ★ ${code.stars}`;
};

/**
 * One shared paper as a compact embed: the title links to the paper; the description holds the authors, a line
 * of date, upvotes, code with its stars and the channel's counts, and the one-line summary; the footer the id.
 *
 * @example
 * linkEmbed(helix); // { title: 'Helix: …', url: 'https://huggingface.co/papers/2606.93392', description: '*Ada Quill*\n2026-06-12 · ▲ 103 · [Code](…) ★ 412\n…' }
 */
export const linkEmbed = (item: PaperItem): APIEmbed => {
  const stats = [
    item.date,
    item.upvotes !== null ? `▲ ${item.upvotes}` : null,
    codeText(item.code),
    countsText(item.counts),
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ');
  const authors = fitEscaped(item.authors, AUTHORS_MAX);
  const description = [
    authors === '' ? '' : `*${authors}*`,
    stats,
    fitEscaped(oneLine(item.summary), SUMMARY_MAX),
    summaryLabel(item) === null ? '' : `-# ${summaryLabel(item)}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
  const embed: APIEmbed = {
    title: fitEscaped(item.title, TITLE_MAX) || `arXiv ${item.id}`,
    color: COLORS.paper,
    footer: { text: fitEscaped(`arXiv ${item.id}`, 60) || 'arXiv' },
  };
  const url = safeUrl(item.url);
  if (url) embed.url = url;
  if (description !== '') embed.description = description;
  return capEmbed(embed);
};
