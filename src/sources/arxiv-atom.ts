import type { Element } from '@xmldom/xmldom';
import { normalizeArxivId } from '../core/arxiv-id.js';
import type { PaperInput, PaperLinks, ParsedBatch, SkippedItem } from '../core/paper.js';
import { cleanText } from './normalize-whitespace.js';
import { parseDate } from './parse-date.js';
import { MalformedPayloadError, SourceError, SourceErrorCode } from './source-errors.js';
import { childElement, childElements, childText, parseXmlDocument, XmlNs } from './xml-document.js';

/** A page of the arXiv query API: the papers plus the feed's OpenSearch counters. */
export interface ArxivAtomBatch extends ParsedBatch {
  /** How many results the whole query has (`opensearch:totalResults`). */
  totalResults?: number;
  /** The 0-based offset of this page (`opensearch:startIndex`). */
  startIndex?: number;
}

const EXPECTED = 'an arXiv Atom feed';
/** arXiv answers a bad query with a feed whose single entry has an id like `http://arxiv.org/api/errors#...`. */
const ERROR_ENTRY_ID = /^https?:\/\/arxiv\.org\/api\/errors/;

/**
 * Parses an arXiv query API response, in the 2026 format (namespaces on the root) or the legacy one (namespaces
 * declared inline, hard-wrapped titles). Element order does not matter; whitespace is collapsed.
 * Throws `MalformedPayloadError` for broken XML or a non-Atom document, and a `SourceError` with code
 * `queryRejected` when arXiv reports a query error.
 *
 * @example
 * const { papers, totalResults } = parseArxivAtom(xml);
 */
export const parseArxivAtom = (xml: string): ArxivAtomBatch => {
  const root = parseXmlDocument(xml, EXPECTED).documentElement;
  if (root?.localName !== 'feed' || root.namespaceURI !== XmlNs.Atom) {
    const found = root ? `<${root.tagName}>` : 'no root element';
    throw new MalformedPayloadError(EXPECTED, xml, { detail: `found ${found}` });
  }
  const entries = childElements(root, XmlNs.Atom, 'entry');
  throwIfErrorFeed(entries);

  const papers: PaperInput[] = [];
  const skipped: SkippedItem[] = [];
  entries.forEach((entry, index) => {
    const result = readEntry(entry);
    if ('paper' in result) papers.push(result.paper);
    else skipped.push({ id: result.label ?? `#${index}`, reason: result.reason });
  });
  return {
    papers,
    skipped,
    totalResults: counter(root, 'totalResults'),
    startIndex: counter(root, 'startIndex'),
  };
};

const throwIfErrorFeed = (entries: Element[]): void => {
  for (const entry of entries) {
    const id = cleanText(childText(entry, XmlNs.Atom, 'id')) ?? '';
    if (!ERROR_ENTRY_ID.test(id)) continue;
    const message = cleanText(childText(entry, XmlNs.Atom, 'summary')) ?? id;
    throw new SourceError(`arXiv rejected the query: ${message}`, { code: SourceErrorCode.QueryRejected });
  }
};

type EntryResult = { paper: PaperInput } | { label?: string; reason: string };

const readEntry = (entry: Element): EntryResult => {
  const rawId = cleanText(childText(entry, XmlNs.Atom, 'id'));
  if (!rawId) return { reason: 'entry has no <id>' };
  const arxivId = normalizeArxivId(rawId);
  if (!arxivId) return { label: rawId, reason: `entry <id> is not an arXiv id: ${rawId}` };
  const title = cleanText(childText(entry, XmlNs.Atom, 'title'));
  if (!title) return { label: arxivId.id, reason: 'entry has no <title>' };

  return {
    paper: {
      id: arxivId.id,
      version: arxivId.version,
      title,
      abstract: cleanText(childText(entry, XmlNs.Atom, 'summary')),
      authors: childElements(entry, XmlNs.Atom, 'author')
        .map((author) => cleanText(childText(author, XmlNs.Atom, 'name')))
        .filter((name): name is string => name !== undefined),
      publishedAt: parseDate(childText(entry, XmlNs.Atom, 'published')),
      updatedAt: parseDate(childText(entry, XmlNs.Atom, 'updated')),
      categories: unique(
        childElements(entry, XmlNs.Atom, 'category').map((c) => c.getAttribute('term') ?? ''),
      ),
      primaryCategory: cleanText(childElement(entry, XmlNs.Arxiv, 'primary_category')?.getAttribute('term')),
      comment: cleanText(childText(entry, XmlNs.Arxiv, 'comment')),
      links: readLinks(entry),
      source: 'arxiv',
    },
  };
};

const readLinks = (entry: Element): PaperLinks => {
  const links: PaperLinks = {};
  for (const link of childElements(entry, XmlNs.Atom, 'link')) {
    const href = cleanText(link.getAttribute('href'));
    if (!href) continue;
    const rel = link.getAttribute('rel') ?? 'alternate';
    const title = link.getAttribute('title');
    if (title === 'pdf' || link.getAttribute('type') === 'application/pdf') links.pdf ??= href;
    else if (title === 'doi') links.doi ??= bareDoi(href);
    else if (rel === 'alternate') links.abs ??= href;
  }
  const doi = cleanText(childText(entry, XmlNs.Arxiv, 'doi'));
  if (doi) links.doi = doi;
  const journalRef = cleanText(childText(entry, XmlNs.Arxiv, 'journal_ref'));
  if (journalRef) links.journalRef = journalRef;
  return links;
};

/** `http://dx.doi.org/10.1000/xyz` → `10.1000/xyz`; we keep DOIs bare, as `<arxiv:doi>` gives them. */
const bareDoi = (href: string): string => href.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');

const counter = (root: Element, name: string): number | undefined => {
  const text = cleanText(childText(root, XmlNs.OpenSearch, name));
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
};

const unique = (values: string[]): string[] => [
  ...new Set(values.map((v) => v.trim()).filter((v) => v !== '')),
];
