import { normalizeArxivId } from '../core/arxiv-id.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { htmlToText } from './html-to-text.js';
import type { AttemptScheduler, HttpClient } from './http-client.js';
import { HttpStatusError, MalformedPayloadError } from './source-errors.js';

/** A paper's text from its HTML page, whole (the caller cuts it to its budget, e.g. with `cutToBudget`). */
export interface ArxivFullText {
  /** The page it came from. */
  url: string;
  text: string;
}

/**
 * Reads the HTML version arXiv renders (with LaTeXML) of many papers, as plain text.
 *
 * @example
 * const html = createArxivHtmlSource({ baseUrl: 'https://arxiv.org/html', http, logger });
 * const paper = await html.fullText('2606.00467'); // { url, text } or null
 */
export interface ArxivHtmlSource {
  /**
   * The text of one paper (any form `normalizeArxivId` reads; a version is kept), or null when arXiv has no
   * HTML for it (404) or the page has no text. Throws `RangeError`, before any request, for something that is
   * not an arXiv id; other failures throw the `SourceError` of the HTTP client.
   */
  fullText(paperId: string): Promise<ArxivFullText | null>;
}

export interface ArxivHtmlSourceOptions {
  /** `https://arxiv.org/html`; `/{id}` is added. */
  baseUrl: string;
  http: HttpClient;
  /** Wraps each attempt, e.g. the request spacer the other arXiv requests go through (one every 3 s). */
  schedule?: AttemptScheduler;
  logger?: Logger;
}

const HTML = 'text/html, application/xhtml+xml;q=0.9';

export const createArxivHtmlSource = (options: ArxivHtmlSourceOptions): ArxivHtmlSource => {
  const log = options.logger ?? silentLogger;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  return {
    async fullText(paperId) {
      const arxivId = normalizeArxivId(paperId);
      if (!arxivId) {
        throw new RangeError(`Not an arXiv id: "${paperId}". Use a form like 2606.00467 or hep-th/9901001.`);
      }
      const versioned = arxivId.version ? `${arxivId.id}v${arxivId.version}` : arxivId.id;
      // Old-style ids keep their slash as a path separator: /html/hep-th/9901001.
      const url = `${baseUrl}/${versioned.split('/').map(encodeURIComponent).join('/')}`;
      let body: string;
      let contentType: string | null;
      try {
        const response = await options.http.getText(url, { accept: HTML, schedule: options.schedule });
        body = response.body;
        contentType = response.headers.get('content-type');
      } catch (error) {
        if (error instanceof HttpStatusError && error.status === 404) {
          log.debug('no HTML version of the paper', { id: versioned });
          return null;
        }
        throw error;
      }
      if (contentType !== null && !/html/i.test(contentType)) {
        throw new MalformedPayloadError('an HTML page', body, { detail: `got ${contentType}` });
      }
      const text = htmlToText(body);
      log.debug('paper HTML read', { id: versioned, chars: text.length });
      return text === '' ? null : { url, text };
    },
  };
};
