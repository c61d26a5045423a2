import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArxivHtmlSource } from '../../src/sources/arxiv-html.js';
import { createHttpClient } from '../../src/sources/http-client.js';
import { HttpStatusError, MalformedPayloadError } from '../../src/sources/source-errors.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { readFixture } from '../helpers/fixtures.js';

const USER_AGENT = 'paperboy-test/0.0 (mailto:ops@example.org)';
/** An invented LaTeXML-like page (see test/fixtures/README.md). */
const PAGE = readFixture('arxiv_html_invented.html');
const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8' };

let upstream: FakeUpstream;
let sleeps: number[];

beforeEach(async () => {
  upstream = await startFakeUpstream();
  sleeps = [];
});
afterEach(async () => {
  await upstream.close();
});

const source = () =>
  createArxivHtmlSource({
    baseUrl: `${upstream.url}/html/`,
    http: createHttpClient({
      userAgent: USER_AGENT,
      timeoutMs: 2000,
      maxRetries: 1,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    }),
  });

describe('createArxivHtmlSource.fullText against a local server', () => {
  it('returns the cleaned text of the article: abstract, sections and captions, no page chrome', async () => {
    upstream.script('/html/2606.91234', [{ headers: HTML_HEADERS, body: PAGE }]);
    const paper = await source().fullText('2606.91234');
    expect(paper?.url).toBe(`${upstream.url}/html/2606.91234`);
    const text = paper?.text ?? '';
    expect(text).toContain('We propose Pocket-LoRA, which shares one basis of rank r across all layers');
    expect(text).toContain('1 Introduction\n\nFine-tuning a model of 7\\times 10^{9} parameters');
    expect(text).toContain('2.1 The shared basis');
    expect(text).toContain('Figure 1: One basis, shared by every layer of the network.');
    expect(text).toContain('Table 1: Adapter memory on the invented benchmark.');
    for (const gone of [
      'tracked',
      'injected',
      'Table of Contents',
      'experimental HTML',
      'LaTeXML',
      'References',
    ]) {
      expect(text).not.toContain(gone);
    }
    expect(text).not.toContain('An invented reference');
    expect(text).not.toContain('SECRET-TABLE-CELL');
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.headers.accept).toMatch(/^text\/html/);
    expect(upstream.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('keeps a version, and reads any form of id', async () => {
    upstream.script('/html/2606.91234v2', [{ headers: HTML_HEADERS, body: PAGE }]);
    const paper = await source().fullText('https://arxiv.org/abs/2606.91234v2');
    expect(paper?.url).toBe(`${upstream.url}/html/2606.91234v2`);
  });

  it('asks for an old-style id with its slash as a path', async () => {
    upstream.script('/html/hep-th/9901001', [{ headers: HTML_HEADERS, body: PAGE }]);
    const paper = await source().fullText('hep-th/9901001');
    expect(paper?.url).toBe(`${upstream.url}/html/hep-th/9901001`);
    expect(upstream.requests.map((request) => request.path)).toEqual(['/html/hep-th/9901001']);
  });

  it('returns null when arXiv has no HTML for the paper (404)', async () => {
    upstream.script('/html/2606.91235', [
      { status: 404, headers: HTML_HEADERS, body: '<p>No HTML for this paper.</p>' },
    ]);
    await expect(source().fullText('2606.91235')).resolves.toBeNull();
    expect(upstream.requests).toHaveLength(1);
  });

  it('returns null for a page without text', async () => {
    const empty =
      '<html><head><script>x()</script></head><body><nav>Menu</nav><article> </article></body></html>';
    upstream.script('/html/2606.91236', [{ headers: HTML_HEADERS, body: empty }]);
    await expect(source().fullText('2606.91236')).resolves.toBeNull();
  });

  it('throws the HTTP error of a server that keeps failing', async () => {
    upstream.script('/html/2606.91237', [{ status: 500, body: 'boom' }]);
    const failure = source().fullText('2606.91237');
    await expect(failure).rejects.toBeInstanceOf(HttpStatusError);
    await expect(failure).rejects.toMatchObject({ status: 500, attempts: 2 });
    expect(sleeps).toHaveLength(1);
  });

  it('throws MalformedPayloadError for a body that is not HTML', async () => {
    upstream.script('/html/2606.91238', [
      { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7' },
    ]);
    await expect(source().fullText('2606.91238')).rejects.toBeInstanceOf(MalformedPayloadError);
  });

  it.each([
    'not an id',
    '../../etc/passwd',
    '2606.91234/../../admin',
    '2606.91234?x=1',
    'hep-th/9901001#frag',
    '',
  ])('refuses %j without a request', async (id) => {
    await expect(source().fullText(id)).rejects.toThrow(RangeError);
    expect(upstream.requests).toHaveLength(0);
  });
});
