import { describe, expect, it } from 'vitest';
import { emptyWords } from '../../src/core/relevance/paper-document.js';
import { createDocumentCache } from '../../src/store/document-cache.js';

const t1 = new Date('2026-06-12T08:00:00Z');
const t2 = new Date('2026-06-13T08:00:00Z');

describe('the document cache', () => {
  it('gives the words back only for the same last-seen time', () => {
    const cache = createDocumentCache(10);
    const words = emptyWords();
    cache.set('2606.93392', t1, words);
    expect(cache.get('2606.93392', new Date(t1))).toBe(words);
    expect(cache.get('2606.93392', t2)).toBeUndefined();
    expect(cache.get('2606.93681', t1)).toBeUndefined();
  });

  it('forgets the least recently used paper first', () => {
    const cache = createDocumentCache(2);
    cache.set('a', t1, emptyWords());
    cache.set('b', t1, emptyWords());
    cache.get('a', t1);
    cache.set('c', t1, emptyWords());
    expect(cache.get('a', t1)).toBeDefined();
    expect(cache.get('b', t1)).toBeUndefined();
    expect(cache.get('c', t1)).toBeDefined();
  });
});
