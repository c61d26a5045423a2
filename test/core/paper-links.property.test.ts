import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findPaperLinks,
  MAX_LINKS_PER_MESSAGE,
  paperIdOfUrl,
  withoutPaperLinks,
} from '../../src/core/paper-links.js';

/** A valid new-style id: `YYMM.NNNN` up to 2014, `YYMM.NNNNN` from 2015. */
const newStyleId = fc
  .record({
    year: fc.integer({ min: 7, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    number: fc.integer({ min: 0, max: 99_999 }),
  })
  .filter(({ year, month }) => year * 100 + month >= 704)
  .map(({ year, month, number }) => {
    const yymm = `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`;
    const digits = Number(yymm) < 1501 ? 4 : 5;
    return `${yymm}.${String(number % 10 ** digits).padStart(digits, '0')}`;
  });

/** A valid old-style id, August 1991 to March 2007: `archive/YYMMNNN`. */
const oldStyleId = fc
  .record({
    archive: fc.constantFrom('hep-th', 'math', 'cond-mat', 'q-bio', 'cs', 'astro-ph', 'gr-qc'),
    yymm: fc.constantFrom('9108', '9512', '9901', '0001', '0412', '0703'),
    number: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ archive, yymm, number }) => `${archive}/${yymm}${String(number).padStart(3, '0')}`);

const paperId = fc.oneof(newStyleId, oldStyleId);
const version = fc.option(
  fc.integer({ min: 1, max: 30 }).map((n) => `v${n}`),
  { nil: '' },
);
const scheme = fc.constantFrom('https://', 'http://', '');

/** Every common way of linking to one paper. */
const linkTo = (id: string) =>
  fc
    .record({
      scheme,
      version,
      form: fc.constantFrom(
        'abs',
        'pdf',
        'pdf.pdf',
        'html',
        'export',
        'www',
        'hf',
        'alphaxiv',
        'alphaxiv-overview',
        'doi',
      ),
      tail: fc.constantFrom('', '/', '?context=cs.LG', '#S2'),
    })
    .map(({ scheme, version, form, tail }) => {
      const path = (() => {
        switch (form) {
          case 'abs':
            return `arxiv.org/abs/${id}${version}`;
          case 'pdf':
            return `arxiv.org/pdf/${id}${version}`;
          case 'pdf.pdf':
            return `arxiv.org/pdf/${id}${version}.pdf`;
          case 'html':
            return `arxiv.org/html/${id}${version}`;
          case 'export':
            return `export.arxiv.org/abs/${id}${version}`;
          case 'www':
            return `www.arxiv.org/abs/${id}${version}`;
          case 'hf':
            return `huggingface.co/papers/${id}`;
          case 'alphaxiv':
            return `www.alphaxiv.org/abs/${id}${version}`;
          case 'alphaxiv-overview':
            return `alphaxiv.org/overview/${id}`;
          default:
            return `doi.org/10.48550/arXiv.${id}`;
        }
      })();
      return `${scheme}${path}${tail}`;
    });

/** Words around links, as people write them: no characters that could continue a URL onto a paper host. */
const words = fc.array(
  fc.constantFrom('see', 'this', 'paper', 'is', 'great!', 'cc', '@ada', 'LGTM', '—', '2606'),
  {
    maxLength: 6,
  },
);

/** How chat platforms and people wrap a link. */
const wrap = (url: string) =>
  fc
    .constantFrom('plain', 'slack', 'slack-label', 'markdown', 'angle', 'parens', 'sentence', 'quoted')
    .map((how) => {
      const full = /^https?:\/\//.test(url) ? url : `https://${url}`;
      switch (how) {
        case 'slack':
          return `<${full}>`;
        case 'slack-label':
          return `<${full}|the paper>`;
        case 'markdown':
          return `[the paper](${full})`;
        case 'angle':
          return `<${full}>`;
        case 'parens':
          return `(${url})`;
        case 'sentence':
          return `${url}.`;
        case 'quoted':
          return `"${url}"`;
        default:
          return url;
      }
    });

describe('paperIdOfUrl', () => {
  it('reads every common link form of any valid id as that id', () => {
    fc.assert(
      fc.property(
        paperId.chain((id) => fc.tuple(fc.constant(id), linkTo(id))),
        ([id, url]) => {
          expect(paperIdOfUrl(url)).toBe(id);
        },
      ),
    );
  });

  it('drops the subject class of an old-style id, as arXiv redirects', () => {
    expect(paperIdOfUrl('https://arxiv.org/abs/math.GT/0309136v2')).toBe('math/0309136');
  });

  it.each([
    'https://arxiv.org/list/cs.LG/recent',
    'https://arxiv.org/abs/',
    'https://arxiv.org/a/quill_a_1',
    'https://huggingface.co/papers',
    'https://huggingface.co/datasets/2606.00467',
    'https://example.org/abs/2606.00467',
    'https://doi.org/10.1000/2606.00467',
    'https://arxiv.org/abs/2613.00467',
    '2606.00467',
    'arXiv:2606.00467',
  ])('is null for %s, which is not a link to one paper', (url) => {
    expect(paperIdOfUrl(url)).toBeNull();
  });
});

describe('findPaperLinks', () => {
  it('finds each paper of a message once, in order, however its links are wrapped', () => {
    const linked = fc
      .uniqueArray(paperId, { minLength: 1, maxLength: 4 })
      .chain((ids) =>
        fc.tuple(
          fc.constant(ids),
          fc.tuple(...ids.map((id) => linkTo(id).chain(wrap))),
          fc.tuple(...ids.map(() => linkTo(ids[0] as string).chain(wrap))),
          fc.tuple(...ids.map(() => words)),
        ),
      );
    fc.assert(
      fc.property(linked, ([ids, links, repeats, gaps]) => {
        // Each paper's link, words between them, then the first paper again in other forms.
        const text = [...links.flatMap((link, index) => [...(gaps[index] ?? []), link]), ...repeats].join(
          ' ',
        );
        const found = findPaperLinks(text);
        expect(found.map((link) => link.id)).toEqual(ids);
        for (const link of found) expect(link.url).toMatch(/^https?:\/\//);
      }),
    );
  });

  it('finds nothing in text without paper links', () => {
    const text = fc
      .array(
        fc.oneof(
          words.map((w) => w.join(' ')),
          fc.string(),
        ),
        { maxLength: 5 },
      )
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(text, (message) => {
        fc.pre(!/(arxiv|huggingface|hf|alphaxiv|doi)\.(org|co)\//i.test(message));
        expect(findPaperLinks(message)).toEqual([]);
      }),
    );
  });

  it('ignores hosts that only end like a paper host, and addresses', () => {
    expect(findPaperLinks('notarxiv.org/abs/2606.00467 ada@arxiv.org/abs/2606.00467')).toEqual([]);
  });

  it(`reads at most ${MAX_LINKS_PER_MESSAGE} papers of one message`, () => {
    const ids = Array.from({ length: 15 }, (_, index) => `2606.${String(10_000 + index)}`);
    const found = findPaperLinks(ids.map((id) => `https://arxiv.org/abs/${id}`).join('\n'));
    expect(found.map((link) => link.id)).toEqual(ids.slice(0, MAX_LINKS_PER_MESSAGE));
  });

  it('keeps the link as written, with https:// added when it had no scheme', () => {
    expect(
      findPaperLinks(
        'read huggingface.co/papers/2606.00467, then <https://arxiv.org/pdf/2606.00468v2.pdf|pdf>',
      ),
    ).toEqual([
      { url: 'https://huggingface.co/papers/2606.00467', id: '2606.00467' },
      { url: 'https://arxiv.org/pdf/2606.00468v2.pdf', id: '2606.00468' },
    ]);
  });
});

describe('withoutPaperLinks', () => {
  it('takes out every link on a paper host and keeps the rest of the text', () => {
    expect(
      withoutPaperLinks('see https://arxiv.org/abs/2606.00467 and hf.co/papers/x, notarxiv.org/abs/1'),
    ).toBe('see  and  notarxiv.org/abs/1');
  });
});
