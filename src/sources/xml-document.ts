import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { MalformedPayloadError } from './source-errors.js';

/** Namespace URIs of the feeds we read. Match on these, never on prefixes: prefixes vary between formats. */
export const XmlNs = {
  Atom: 'http://www.w3.org/2005/Atom',
  Arxiv: 'http://arxiv.org/schemas/atom',
  OpenSearch: 'http://a9.com/-/spec/opensearch/1.1/',
  DublinCore: 'http://purl.org/dc/elements/1.1/',
} as const;

/**
 * Parses XML, treating any parser error (not only fatal ones) as a malformed payload: a half-parsed feed would
 * silently lose papers. `expected` names the format for the error message, e.g. `an arXiv Atom feed`.
 */
export const parseXmlDocument = (xml: string, expected: string): Document => {
  const problems: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level === 'warning') return;
      problems.push(message);
      throw new Error(message);
    },
  });
  try {
    return parser.parseFromString(xml, 'text/xml');
  } catch (error) {
    const detail = problems[0] ?? (error instanceof Error ? error.message : String(error));
    throw new MalformedPayloadError(expected, xml, { cause: error, detail: `XML error: ${detail}` });
  }
};

/** The direct children of `parent` with this namespace and local name, in document order. */
export const childElements = (parent: Element, ns: string | null, localName: string): Element[] => {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (element.localName === localName && element.namespaceURI === ns) found.push(element);
  }
  return found;
};

/** The first direct child with this namespace and local name. */
export const childElement = (parent: Element, ns: string | null, localName: string): Element | undefined =>
  childElements(parent, ns, localName)[0];

/** The raw text of the first matching child, or undefined when there is none. */
export const childText = (parent: Element, ns: string | null, localName: string): string | undefined => {
  const child = childElement(parent, ns, localName);
  return child ? (child.textContent ?? '') : undefined;
};
