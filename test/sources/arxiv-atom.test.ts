import { describe, expect, it } from 'vitest';
import { parseArxivAtom } from '../../src/sources/arxiv-atom.js';
import { MalformedPayloadError, SourceError, SourceErrorCode } from '../../src/sources/source-errors.js';
import { ARXIV_ERROR_FEED, FIXTURE, HTML_ERROR_PAGE, readFixture } from '../helpers/fixtures.js';
import { describeRecorded, RECORDED, readRecordedUpstream } from '../helpers/shared-data.js';

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
    const batch = parseArxivAtom(readFixture(FIXTURE.arxivTransformer));
    expect(batch.skipped).toEqual([]);
    expect(batch.totalResults).toBe(31207);
    expect(batch.startIndex).toBe(0);
    expect(batch.papers).toHaveLength(5);
    expect(batch.papers[0]).toMatchObject({
      id: '2606.93677',
      version: 1,
      title: 'Trowel: A Transformer Policy for Robotic Bricklaying',
      authors: ['Marit Solheim', 'Kenji Arakawa', 'Ansel Quarrington', 'Priya Venkatesan-Lowe'],
      publishedAt: new Date('2026-06-11T17:59:49Z'),
      updatedAt: new Date('2026-06-11T17:59:49Z'),
      categories: ['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG'],
      primaryCategory: 'cs.RO',
      comment: 'Project Page: https://trowel-robot.github.io',
      links: { abs: 'https://arxiv.org/abs/2606.93677v1', pdf: 'https://arxiv.org/pdf/2606.93677v1' },
      source: 'arxiv',
    });
    // Entities are decoded: the summary says "(&lt;1 minute per wall section)".
    expect(batch.papers[0]?.abstract).toContain('(<1 minute per wall section)');
  });

  it('reads all sixteen cs.AI/cs.LG results; 6 carry a comment and none a DOI or journal ref', () => {
    const batch = parseArxivAtom(readFixture(FIXTURE.arxivAiLg));
    expect(batch.skipped).toEqual([]);
    expect(batch.papers).toHaveLength(16);
    expect(batch.totalResults).toBe(391882);
    expect(batch.papers.filter((paper) => paper.comment !== undefined)).toHaveLength(6);
    expect(batch.papers.some((paper) => paper.links?.doi || paper.links?.journalRef)).toBe(false);
    expect(batch.papers[0]).toMatchObject({
      id: '2607.99662',
      primaryCategory: 'q-bio.PE',
      categories: ['q-bio.PE', 'cs.AI', 'cs.LG', 'stat.AP', 'math.DS'],
      authors: ['Kaito Ferreira', 'Emeka Lindgren', 'Thea Balogun'],
    });
    for (const paper of batch.papers) {
      expect(paper.links?.pdf).toMatch(/^https:\/\/arxiv\.org\/pdf\//);
      expect(paper.primaryCategory).toBeDefined();
      expect(paper.authors?.length).toBeGreaterThan(0);
    }
  });
});

describe('parseArxivAtom on the legacy format (inline namespaces, wrapped text)', () => {
  const batch = parseArxivAtom(readFixture(FIXTURE.arxivLegacy));

  it('reads namespaced elements declared inline', () => {
    expect(batch.totalResults).toBe(4822);
    expect(batch.startIndex).toBe(0);
    expect(batch.papers.map((paper) => paper.primaryCategory)).toEqual(['cs.RO', 'cs.RO']);
  });

  it('unwraps the hard-wrapped title, abstract and comment of 2510.94968', () => {
    const stride = batch.papers[0];
    expect(stride?.id).toBe('2510.94968');
    expect(stride?.version).toBe(1);
    expect(stride?.title).toBe(
      'FOLD: Neural Keypoint Policies for Long-Horizon Laundry Folding With Recovery From Mistakes',
    );
    expect(
      stride?.abstract?.startsWith(
        'To fold a shirt, a robot must chain a dozen grasps on cloth that never lies the same way twice',
      ),
    ).toBe(true);
    expect(stride?.abstract).not.toMatch(/\s\s|\n/);
    expect(stride?.comment).toBe(
      'Conference on Robot Learning (CoRL 2025); Project Website: fold-robot.github.io',
    );
    expect(stride?.links).toEqual({
      abs: 'http://arxiv.org/abs/2510.94968v1',
      pdf: 'http://arxiv.org/pdf/2510.94968v1',
    });
    expect(stride?.categories).toEqual(['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG', 'cs.SY', 'eess.SY']);
    expect(stride?.authors).toEqual(['Marit Okonkwo', 'Yusuf Lindahl', 'Zeno Farrow', 'Esme Takeda']);
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

/** What a plain regular expression reads from an Atom body, to check the parser against. */
const rawEntries = (body: string) =>
  [...body.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, entry = '']) => ({
    id: /<id>https?:\/\/arxiv\.org\/abs\/(.+?)v\d+<\/id>/.exec(entry)?.[1],
    authors: [...entry.matchAll(/<name>([\s\S]*?)<\/name>/g)].length,
    categories: [...entry.matchAll(/<category term="([^"]+)"/g)].map(([, term]) => term),
    comment: /<arxiv:comment[ >]/.test(entry),
  }));

describeRecorded('parseArxivAtom on real arXiv responses', () => {
  it.each([
    [RECORDED.arxivTransformer5, 'the 2026 format'],
    [RECORDED.arxivAiLg50, 'the 2026 format'],
    [RECORDED.arxivLegacy2, 'the legacy format'],
  ])('reads every entry of %s (%s) as the raw XML says', (name, _format) => {
    const body = readRecordedUpstream(name);
    const raw = rawEntries(body);
    const batch = parseArxivAtom(body);

    expect(batch.skipped).toEqual([]);
    expect(batch.totalResults).toBe(Number(/totalResults[^>]*>(\d+)</.exec(body)?.[1]));
    expect(batch.papers.map((paper) => paper.id)).toEqual(raw.map((entry) => entry.id));
    batch.papers.forEach((paper, index) => {
      const entry = raw[index];
      expect(paper.authors).toHaveLength(entry?.authors ?? -1);
      expect(paper.categories).toEqual(entry?.categories);
      expect(paper.primaryCategory).toBeDefined();
      expect(paper.comment !== undefined).toBe(entry?.comment);
      expect(paper.links?.abs).toMatch(/arxiv\.org\/abs\//);
      expect(paper.links?.pdf).toMatch(/arxiv\.org\/pdf\//);
      for (const text of [paper.title, paper.abstract ?? '', paper.comment ?? ''])
        expect(text).not.toMatch(/^\s|\s$|\s\s|\n|&(amp|lt|gt);/);
    });
  });
});
