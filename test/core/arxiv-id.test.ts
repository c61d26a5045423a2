import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeArxivId } from '../../src/core/arxiv-id.js';

describe('normalizeArxivId', () => {
  it.each([
    ['2606.00467', { id: '2606.00467' }],
    ['2606.00467v2', { id: '2606.00467', version: 2 }],
    ['1412.6980', { id: '1412.6980' }],
    ['1412.6980v9', { id: '1412.6980', version: 9 }],
    ['0704.0001', { id: '0704.0001' }],
    ['1501.00001', { id: '1501.00001' }],
    ['  2606.00467v1\n', { id: '2606.00467', version: 1 }],
    ['hep-th/9901001', { id: 'hep-th/9901001' }],
    ['hep-th/9901001v2', { id: 'hep-th/9901001', version: 2 }],
    ['math.GT/0309136', { id: 'math/0309136' }],
    ['math.GT/0309136v1', { id: 'math/0309136', version: 1 }],
    ['cond-mat/0703001', { id: 'cond-mat/0703001' }],
    ['q-bio/0412001', { id: 'q-bio/0412001' }],
    ['cs/9108001', { id: 'cs/9108001' }],
    ['http://arxiv.org/abs/2606.13677v1', { id: '2606.13677', version: 1 }],
    ['https://arxiv.org/abs/2606.00467', { id: '2606.00467' }],
    ['https://arxiv.org/pdf/2606.00467v2', { id: '2606.00467', version: 2 }],
    ['https://arxiv.org/pdf/2606.00467v2.pdf', { id: '2606.00467', version: 2 }],
    ['https://export.arxiv.org/abs/hep-th/9901001v3', { id: 'hep-th/9901001', version: 3 }],
    ['https://www.arxiv.org/abs/2606.00467/', { id: '2606.00467' }],
    ['https://arxiv.org/abs/2606.00467?context=cs.LG', { id: '2606.00467' }],
    ['arXiv:2606.00467v2', { id: '2606.00467', version: 2 }],
    ['arxiv:2606.00467', { id: '2606.00467' }],
    ['arXiv:hep-th/9901001', { id: 'hep-th/9901001' }],
    ['oai:arXiv.org:2606.00467v1', { id: '2606.00467', version: 1 }],
    ['oai:arXiv.org:math.GT/0309136v2', { id: 'math/0309136', version: 2 }],
  ])('reads %j', (raw, expected) => {
    expect(normalizeArxivId(raw)).toEqual(expected);
  });

  it.each([
    [''],
    ['not an id'],
    ['2606.467'],
    ['2606.0046789'],
    ['1412.00001'], // five digits only from 2015
    ['1501.0001'], // four digits only until 2014
    ['2613.00467'], // month 13
    ['2600.00467'], // month 00
    ['0612.1234'], // new style began in April 2007
    ['2606.00467v0'],
    ['2606.00467v'],
    ['2606.00467V2'],
    ['hep-th/990100'],
    ['hep-th/99010011'],
    ['hep-th/9013001'], // month 13
    ['hep-th/0801001'], // old style ended in March 2007
    ['hep-th/9107001'], // old style began in August 1991
    ['HEP-TH/9901001'],
    ['https://example.org/abs/2606.00467'],
    ['https://arxiv.org/abs/'],
    ['https://arxiv.org/list/cs.LG/recent'],
    ['http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234v1a'],
    ['doi:10.1000/2606.00467'],
    ['2606.00467 and more'],
  ])('rejects %j', (raw) => {
    expect(normalizeArxivId(raw)).toBeNull();
  });

  it('reads every wrapping of a new-style id the same way', () => {
    const ids = fc
      .record({
        year: fc.integer({ min: 15, max: 99 }),
        month: fc.integer({ min: 1, max: 12 }),
        number: fc.integer({ min: 0, max: 99_999 }),
        version: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      })
      .map(({ year, month, number, version }) => ({
        id: `${year}${String(month).padStart(2, '0')}.${String(number).padStart(5, '0')}`,
        version,
      }));
    fc.assert(
      fc.property(ids, ({ id, version }) => {
        const v = version === undefined ? '' : `v${version}`;
        const expected = version === undefined ? { id } : { id, version };
        for (const raw of [
          `${id}${v}`,
          `arXiv:${id}${v}`,
          `oai:arXiv.org:${id}${v}`,
          `https://arxiv.org/abs/${id}${v}`,
          `http://arxiv.org/pdf/${id}${v}.pdf`,
        ]) {
          expect(normalizeArxivId(raw)).toEqual(expected);
        }
      }),
    );
  });
});
