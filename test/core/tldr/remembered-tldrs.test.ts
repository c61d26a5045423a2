import { describe, expect, it } from 'vitest';
import { createTldrMemory, rememberedTldrs } from '../../../src/core/tldr/remembered-tldrs.js';
import type { StoredTldr, Tldrs } from '../../../src/core/tldr/tldr-ports.js';

/** A store that has `written` and records what it was asked for. */
function countingStore(written: Map<string, StoredTldr>) {
  const asked: string[][] = [];
  const store = {
    async stored(paperIds: readonly string[], language: string) {
      asked.push([...paperIds]);
      return new Map(
        paperIds.flatMap((id) => {
          const tldr = written.get(`${language}|${id}`);
          return tldr ? [[id, tldr] as const] : [];
        }),
      );
    },
  } as unknown as Tldrs;
  return { store, asked };
}

const tldr = (text: string): StoredTldr => ({ text, model: 'm' });

describe('rememberedTldrs', () => {
  it('reads a stored TL;DR once, and asks again for those it has not found yet', async () => {
    const written = new Map([['de|a', tldr('A auf Deutsch.')]]);
    const { store, asked } = countingStore(written);
    const tldrs = rememberedTldrs(store, createTldrMemory());
    expect(await tldrs.stored(['a', 'b'], 'de')).toEqual(new Map([['a', tldr('A auf Deutsch.')]]));
    written.set('de|b', tldr('B auf Deutsch.'));
    expect(await tldrs.stored(['a', 'b'], 'de')).toEqual(
      new Map([
        ['a', tldr('A auf Deutsch.')],
        ['b', tldr('B auf Deutsch.')],
      ]),
    );
    expect(await tldrs.stored(['b', 'a'], 'de')).toHaveProperty('size', 2);
    expect(asked).toEqual([['a', 'b'], ['b']]);
  });

  it('keeps languages apart', async () => {
    const { store, asked } = countingStore(new Map([['de|a', tldr('Deutsch.')]]));
    const tldrs = rememberedTldrs(store, createTldrMemory());
    await tldrs.stored(['a'], 'de');
    expect(await tldrs.stored(['a'], 'fr')).toEqual(new Map());
    expect(asked).toEqual([['a'], ['a']]);
  });

  it('forgets the TL;DR read longest ago beyond its size', async () => {
    const written = new Map(['a', 'b', 'c'].map((id) => [`de|${id}`, tldr(id)]));
    const { store, asked } = countingStore(written);
    const tldrs = rememberedTldrs(store, createTldrMemory(2));
    await tldrs.stored(['a', 'b'], 'de');
    await tldrs.stored(['a'], 'de');
    await tldrs.stored(['c'], 'de');
    await tldrs.stored(['a', 'b', 'c'], 'de');
    expect(asked).toEqual([['a', 'b'], ['c'], ['b']]);
  });
});
