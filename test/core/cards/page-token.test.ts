import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePageToken, encodePageToken, type PageToken } from '../../../src/core/cards/page-token.js';
import { SEARCH_SORTS } from '../../../src/core/search.js';

describe('page tokens', () => {
  it('encodes compactly and decodes back', () => {
    const token: PageToken = { query: 'lora', page: 1, pageSize: 10, sort: 'upvotes', since: '7d' };
    expect(encodePageToken(token)).toBe('pb1:1:10:u:7d:lora');
    expect(decodePageToken('pb1:1:10:u:7d:lora')).toEqual(token);
  });

  it('leaves sort and since out when they are not set', () => {
    expect(encodePageToken({ query: 'lora', page: 0, pageSize: 5 })).toBe('pb1:0:5:::lora');
    expect(decodePageToken('pb1:0:5:::lora')).toEqual({ query: 'lora', page: 0, pageSize: 5 });
  });

  it('keeps colons, quotes and Unicode in the query verbatim', () => {
    const token: PageToken = {
      query: '"diffusion transformer" -survey author:"Lê Vĩnh" cs:LG',
      page: 3,
      pageSize: 25,
    };
    expect(decodePageToken(encodePageToken(token))).toEqual(token);
  });

  it('returns null for garbage and for values out of range', () => {
    for (const value of [
      '',
      'garbage',
      'pb1',
      'pb1:1:10:u:7d',
      'pb2:1:10:u:7d:lora',
      'pb1:-1:10:::lora',
      'pb1:01:10:::lora',
      'pb1:1.5:10:::lora',
      'pb1:10000:10:::lora',
      'pb1:1:0:::lora',
      'pb1:1:26:::lora',
      'pb1:1:10:x::lora',
      'pb1:1:10::yesterday:lora',
      'pb1:1:10:::   ',
      `pb1:1:10:::${'q'.repeat(1001)}`,
      '{"query":"lora","page":1}',
    ]) {
      expect(decodePageToken(value), value).toBeNull();
    }
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const decoded = decodePageToken(value);
        if (decoded !== null) expect(encodePageToken(decoded)).toBe(value);
      }),
    );
    fc.assert(fc.property(fc.string(), (tail) => void decodePageToken(`pb1:${tail}`)));
  });

  it('round-trips every valid token (property)', () => {
    const token = fc.record(
      {
        query: fc.string({ minLength: 1, maxLength: 200 }).filter((query) => query.trim() !== ''),
        page: fc.integer({ min: 0, max: 9999 }),
        pageSize: fc.integer({ min: 1, max: 25 }),
        sort: fc.constantFrom(...SEARCH_SORTS),
        since: fc.constantFrom('7d', '2w', '3m', '1y', '2026-01-31'),
      },
      { requiredKeys: ['query', 'page', 'pageSize'] },
    );
    fc.assert(
      fc.property(token, (value) => {
        expect(decodePageToken(encodePageToken(value))).toEqual(value);
      }),
    );
  });
});
