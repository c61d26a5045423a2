import { describe, expect, it } from 'vitest';
import { arxivTimestamp, assertCategories, buildSearchQuery } from '../../src/sources/arxiv-query.js';

describe('assertCategories', () => {
  it.each([[['cs.LG']], [['cs.LG', 'cs.CL']], [['hep-th']], [['math.GT', 'q-bio.NC', 'astro-ph.CO']]])(
    'accepts %j',
    (categories) => {
      expect(() => assertCategories(categories)).not.toThrow();
    },
  );

  it.each([[[]], [['CS.LG']], [['cs.LG OR all:x']], [['cs.LG)']], [['cs LG']], [['']], [['cs.LG', 'cs/LG']]])(
    'rejects %j',
    (categories) => {
      expect(() => assertCategories(categories)).toThrow(RangeError);
    },
  );
});

describe('buildSearchQuery', () => {
  const now = new Date('2026-06-14T02:30:47Z');

  it('ORs the categories and turns an exclusive end into arXiv’s inclusive minute', () => {
    const query = buildSearchQuery(
      ['cs.LG', 'cs.CL'],
      { from: new Date('2026-06-11T00:00:00Z'), to: new Date('2026-06-12T00:00:00Z') },
      now,
    );
    expect(query).toBe('(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202606110000 TO 202606112359]');
  });

  it('leaves the window open on a missing side', () => {
    expect(buildSearchQuery(['cs.LG'], { from: new Date('2026-06-13T12:00:00Z') }, now)).toBe(
      '(cat:cs.LG) AND submittedDate:[202606131200 TO 202606140230]',
    );
    expect(buildSearchQuery(['cs.LG'], { to: new Date('1999-01-01T00:00:00Z') }, now)).toBe(
      '(cat:cs.LG) AND submittedDate:[199108010000 TO 199812312359]',
    );
    expect(buildSearchQuery(['cs.LG'], {}, now)).toBe('(cat:cs.LG)');
  });

  it('rejects an empty window', () => {
    const day = new Date('2026-06-12T00:00:00Z');
    expect(() => buildSearchQuery(['cs.LG'], { from: day, to: day }, now)).toThrow(RangeError);
  });

  it('formats timestamps in GMT', () => {
    expect(arxivTimestamp(new Date('2026-01-02T03:04:59.999-05:00'))).toBe('202601020804');
  });
});
