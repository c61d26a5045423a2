import type { Element } from '@xmldom/xmldom';
import { type ArxivId, normalizeArxivId } from '../core/arxiv-id.js';
import type { PaperInput, ParsedBatch, SkippedItem } from '../core/paper.js';
import { cleanText } from './normalize-whitespace.js';
import { parseDate } from './parse-date.js';
import { MalformedPayloadError } from './source-errors.js';
import { childElement, childElements, childText, parseXmlDocument, XmlNs } from './xml-document.js';

/** Which announcements to keep besides brand-new papers. */
export interface ArxivRssOptions {
  /** Also keep `cross` items: papers listed in another category and cross-listed into this one. */
  includeCross?: boolean;
}

const EXPECTED = 'an arXiv RSS 2.0 feed';

/**
 * Parses an `https://rss.arxiv.org/rss/{categories}` feed. Keeps `new` announcements (and `cross` ones when
 * asked); replacements are not news and are left out silently. A feed without items (every Saturday and
 * Sunday) is an empty batch, not an error. Throws `MalformedPayloadError` for broken XML or a non-RSS document.
 *
 * @example
 * const { papers } = parseArxivRss(xml, { includeCross: true });
 */
export const parseArxivRss = (xml: string, options: ArxivRssOptions = {}): ParsedBatch => {
  const root = parseXmlDocument(xml, EXPECTED).documentElement;
  const channel =
    root && root.localName === 'rss' && !root.namespaceURI && childElement(root, null, 'channel');
  if (!channel) {
    const found = root ? `<${root.tagName}>` : 'no root element';
    throw new MalformedPayloadError(EXPECTED, xml, { detail: `found ${found} without an RSS <channel>` });
  }
  const wanted = new Set(options.includeCross ? ['new', 'cross'] : ['new']);
  const papers: PaperInput[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  childElements(channel, null, 'item').forEach((item, index) => {
    const announceType = cleanText(childText(item, XmlNs.Arxiv, 'announce_type'));
    if (!announceType || !wanted.has(announceType)) return;
    const result = readItem(item);
    if ('reason' in result) skipped.push({ id: result.label ?? `#${index}`, reason: result.reason });
    else if (!seen.has(result.paper.id)) {
      seen.add(result.paper.id);
      papers.push(result.paper);
    }
  });
  return { papers, skipped };
};

type ItemResult = { paper: PaperInput } | { label?: string; reason: string };

const readItem = (item: Element): ItemResult => {
  const description = childText(item, null, 'description') ?? '';
  const arxivId = itemId(item, description);
  if (!arxivId) return { label: cleanText(childText(item, null, 'guid')), reason: 'item has no arXiv id' };
  const title = cleanText(childText(item, null, 'title'));
  if (!title) return { label: arxivId.id, reason: 'item has no <title>' };
  const link = cleanText(childText(item, null, 'link'));
  return {
    paper: {
      id: arxivId.id,
      version: arxivId.version,
      title,
      abstract: abstractOf(description),
      authors: splitAuthors(childText(item, XmlNs.DublinCore, 'creator')),
      publishedAt: parseDate(childText(item, null, 'pubDate')),
      categories: [
        ...new Set(childElements(item, null, 'category').map((c) => cleanText(c.textContent) ?? '')),
      ].filter((c) => c !== ''),
      links: link ? { abs: link } : {},
      source: 'arxiv',
    },
  };
};

/** From the guid `oai:arXiv.org:2607.00001v1`, else the link, else the `arXiv:…` head of the description. */
const itemId = (item: Element, description: string): ArxivId | null => {
  const candidates = [
    cleanText(childText(item, null, 'guid')),
    cleanText(childText(item, null, 'link')),
    /^\s*(arXiv:\S+)/i.exec(description)?.[1],
  ];
  for (const candidate of candidates) {
    const arxivId = candidate ? normalizeArxivId(candidate) : null;
    if (arxivId) return arxivId;
  }
  return null;
};

/** The description reads `arXiv:2607.00001v1 Announce Type: new \nAbstract: ...`; keep what follows `Abstract:`. */
const abstractOf = (description: string): string | undefined => {
  const at = description.indexOf('Abstract:');
  return at === -1 ? undefined : cleanText(description.slice(at + 'Abstract:'.length));
};

/** `dc:creator` lists the authors comma-separated, in paper order. */
const splitAuthors = (creators: string | undefined): string[] | undefined => {
  if (creators === undefined) return undefined;
  return creators
    .split(',')
    .map((name) => cleanText(name))
    .filter((name): name is string => name !== undefined);
};
