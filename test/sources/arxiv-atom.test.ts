import { describe, expect, it } from 'vitest';
import { parseArxivAtom } from '../../src/sources/arxiv-atom.js';
import { MalformedPayloadError, SourceError, SourceErrorCode } from '../../src/sources/source-errors.js';
import {
  ARXIV_AI_LG_50,
  ARXIV_ERROR_FEED,
  ARXIV_LEGACY_2,
  ARXIV_TRANSFORMER_5,
  HTML_ERROR_PAGE,
  readUpstreamFixture,
} from '../helpers/fixtures.js';

const catchError = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('parseArxivAtom on the 2026 format', () => {
  it('reads the five transformer results with the feed counters', () => {
    const batch = parseArxivAtom(readUpstreamFixture(ARXIV_TRANSFORMER_5));
    expect(batch.skipped).toEqual([]);
    expect(batch.totalResults).toBe(28946);
    expect(batch.startIndex).toBe(0);
    expect(batch.papers).toHaveLength(5);
    expect(batch.papers[0]).toMatchObject({
      id: '2606.13677',
      version: 1,
      title: 'Mana: Dexterous Manipulation of Articulated Tools',
      authors: ['Zhao-Heng Yin', 'Guanya Shi', 'Pieter Abbeel', 'C. Karen Liu'],
      publishedAt: new Date('2026-06-11T17:59:49Z'),
      updatedAt: new Date('2026-06-11T17:59:49Z'),
      categories: ['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG'],
      primaryCategory: 'cs.RO',
      comment: 'Project Page: https://zhaohengyin.github.io/mana',
      links: { abs: 'https://arxiv.org/abs/2606.13677v1', pdf: 'https://arxiv.org/pdf/2606.13677v1' },
      source: 'arxiv',
    });
    // Entities are decoded: the summary says "(&lt;1 minute per tool)".
    expect(batch.papers[0]?.abstract).toContain('(<1 minute per tool)');
  });

  it('reads all fifty cs.AI/cs.LG results; 19 carry a comment and none a DOI or journal ref', () => {
    const batch = parseArxivAtom(readUpstreamFixture(ARXIV_AI_LG_50));
    expect(batch.skipped).toEqual([]);
    expect(batch.papers).toHaveLength(50);
    expect(batch.totalResults).toBe(386601);
    expect(batch.papers.filter((paper) => paper.comment !== undefined)).toHaveLength(19);
    expect(batch.papers.some((paper) => paper.links?.doi || paper.links?.journalRef)).toBe(false);
    expect(batch.papers[0]).toMatchObject({
      id: '2607.09662',
      primaryCategory: 'q-bio.NC',
      categories: ['q-bio.NC', 'cs.AI', 'cs.LG', 'eess.SP', 'math.AT'],
      authors: ['Ren Takahashi', 'Emre Yusuf', 'Jayabrata Bhaduri'],
    });
    for (const paper of batch.papers) {
      expect(paper.links?.pdf).toMatch(/^https:\/\/arxiv\.org\/pdf\//);
      expect(paper.primaryCategory).toBeDefined();
      expect(paper.authors?.length).toBeGreaterThan(0);
    }
  });
});

describe('parseArxivAtom on the legacy format (inline namespaces, wrapped text)', () => {
  const batch = parseArxivAtom(readUpstreamFixture(ARXIV_LEGACY_2));

  it('reads namespaced elements declared inline', () => {
    expect(batch.totalResults).toBe(5619);
    expect(batch.startIndex).toBe(0);
    expect(batch.papers.map((paper) => paper.primaryCategory)).toEqual(['cs.RO', 'cs.RO']);
  });

  it('unwraps the hard-wrapped title, abstract and comment of 2510.14968', () => {
    const rdd = batch.papers[0];
    expect(rdd?.id).toBe('2510.14968');
    expect(rdd?.version).toBe(1);
    expect(rdd?.title).toBe(
      'RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks',
    );
    expect(
      rdd?.abstract?.startsWith(
        'To tackle long-horizon tasks, recent hierarchical vision-language-action (VLAs)',
      ),
    ).toBe(true);
    expect(rdd?.abstract).not.toMatch(/\s\s|\n/);
    expect(rdd?.comment).toBe(
      '39th Conference on Neural Information Processing Systems (NeurIPS 2025); Project Website: rdd-neurips.github.io',
    );
    expect(rdd?.links).toEqual({
      abs: 'http://arxiv.org/abs/2510.14968v1',
      pdf: 'http://arxiv.org/pdf/2510.14968v1',
    });
    expect(rdd?.categories).toEqual(['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG', 'cs.SY', 'eess.SY']);
    expect(rdd?.authors).toEqual(['Mingxuan Yan', 'Yuping Wang', 'Zechun Liu', 'Jiachen Li']);
  });
});

describe('parseArxivAtom with unusual documents', () => {
  const feed = (entries: string) => `<?xml version="1.0"?>
<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="http://arxiv.org/schemas/atom">${entries}</a:feed>`;

  it('matches on namespaces, not prefixes, and reads DOI and journal ref', () => {
    const batch = parseArxivAtom(
      feed(`<a:entry>
        <x:journal_ref>Phys. Rev. D 76,
          013009 (2007)</x:journal_ref>
        <x:doi>10.1103/PhysRevD.76.013009</x:doi>
        <a:title>Old   style</a:title>
        <a:id>http://arxiv.org/abs/hep-th/9901001v2</a:id>
        <a:link title="doi" href="http://dx.doi.org/10.1103/PhysRevD.76.013009" rel="related"/>
      </a:entry>`),
    );
    expect(batch.papers).toEqual([
      {
        id: 'hep-th/9901001',
        version: 2,
        title: 'Old style',
        authors: [],
        categories: [],
        links: { doi: '10.1103/PhysRevD.76.013009', journalRef: 'Phys. Rev. D 76, 013009 (2007)' },
        source: 'arxiv',
      },
    ]);
  });

  it('ignores look-alike elements from other namespaces', () => {
    const batch = parseArxivAtom(
      feed(`<a:entry><a:id>http://arxiv.org/abs/2606.00467v1</a:id><title>not atom</title><a:title>Atom</a:title>
        <x:comment>real</x:comment><comment>fake</comment></a:entry>`),
    );
    expect(batch.papers[0]).toMatchObject({ title: 'Atom', comment: 'real' });
  });

  it('skips an entry without id or title, with a reason', () => {
    const batch = parseArxivAtom(
      feed(`<a:entry><a:title>No id</a:title></a:entry>
        <a:entry><a:id>http://arxiv.org/abs/2606.00467v1</a:id></a:entry>
        <a:entry><a:id>http://arxiv.org/abs/nonsense</a:id><a:title>Bad id</a:title></a:entry>
        <a:entry><a:id>http://arxiv.org/abs/2606.00468v1</a:id><a:title>Fine</a:title></a:entry>`),
    );
    expect(batch.papers.map((paper) => paper.id)).toEqual(['2606.00468']);
    expect(batch.skipped).toEqual([
      { id: '#0', reason: 'entry has no <id>' },
      { id: '2606.00467', reason: 'entry has no <title>' },
      { id: 'http://arxiv.org/abs/nonsense', reason: expect.stringContaining('not an arXiv id') },
    ]);
  });

  it('turns arXiv’s error feed into a SourceError carrying its message', () => {
    const error = catchError(() => parseArxivAtom(ARXIV_ERROR_FEED));
    expect(error).toBeInstanceOf(SourceError);
    expect(error).not.toBeInstanceOf(MalformedPayloadError);
    expect((error as SourceError).code).toBe(SourceErrorCode.QueryRejected);
    expect((error as Error).message).toBe('arXiv rejected the query: incorrect id format for 1234.1234v1a');
  });

  it.each([
    ['broken XML', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id>', /XML error/],
    ['an HTML error page', HTML_ERROR_PAGE, /XML error.*502 Bad Gateway/],
    ['well-formed XHTML', '<html><body><p>Service unavailable</p></body></html>', /found <html>/],
    ['an RSS feed', '<rss version="2.0"><channel/></rss>', /found <rss>/],
    ['a feed outside the Atom namespace', '<feed><entry/></feed>', /found <feed>/],
    ['an empty body', '', /an arXiv Atom feed/],
    ['JSON', '[]', /an arXiv Atom feed/],
  ])('throws MalformedPayloadError for %s', (_name, body, message) => {
    const error = catchError(() => parseArxivAtom(body));
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect((error as Error).message).toMatch(/^Expected an arXiv Atom feed/);
    expect((error as Error).message).toMatch(message);
  });
});
