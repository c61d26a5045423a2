import type { PaperInput } from '../../src/core/paper.js';
import { parseArxivAtom } from '../../src/sources/arxiv-atom.js';
import { parseHfDailyPapers } from '../../src/sources/hf-daily-papers.js';
import { FIXTURE, readFixture } from './fixtures.js';

/**
 * Papers the source fixtures leave out but search must handle: a hyphenated `LoRA-...` title, an abstract that
 * spells out "Low-Rank Adaptation (LoRA)", and a word to misspell for the fuzzy fallback. Invented, like the
 * fixtures.
 */
export const handWrittenPapers: PaperInput[] = [
  {
    id: '2606.95961',
    title: 'LoRA-Tune: Adapting Speech Recognisers to New Accents With LoRA',
    abstract:
      'Speech recognisers trained on a few accents fail on others. LoRA-Tune fits a small set of low-rank adapters per accent from an hour of speech and picks the right one from the first seconds of a conversation, halving errors on five unseen accents.',
    authors: ['Rosalind Achebe', 'Kenji Marlowe', 'Tamsin Oduro'],
    publishedAt: new Date('2026-06-01T00:00:00Z'),
    categories: ['cs.CL', 'eess.AS'],
    source: 'arxiv',
  },
  {
    id: '2605.99685',
    title: 'How Small Can the Rank Be? Low-Rank Updates for Code Models',
    abstract:
      'We revisit Low-Rank Adaptation (LoRA) for models that write code and measure how far the rank of the update can shrink before accuracy drops: for most tasks a rank of one is enough.',
    authors: ['Emeka Haldorsen', 'Wren Pachauri'],
    publishedAt: new Date('2026-05-20T00:00:00Z'),
    categories: ['cs.SE', 'cs.LG'],
    source: 'arxiv',
  },
  {
    id: '2601.94697',
    title: 'Grokking in Modular Arithmetic Depends on the Weight Decay Schedule',
    abstract:
      'Networks trained on modular arithmetic generalise long after they fit the training set. We show that when this happens is set almost entirely by the schedule of weight decay, and that warming weight decay up makes grokking happen ten times sooner.',
    authors: ['Caius Lindberg', 'Odile Farrant'],
    publishedAt: new Date('2026-01-08T00:00:00Z'),
    categories: ['cs.LG'],
    source: 'arxiv',
  },
];

/** Both Daily-Papers fixtures, the arXiv query fixtures and the hand-written papers: all invented. */
export function fixtureCorpus(): PaperInput[] {
  return [
    ...parseHfDailyPapers(readFixture(FIXTURE.hfDay)).papers,
    ...parseHfDailyPapers(readFixture(FIXTURE.hfMixed)).papers,
    ...parseArxivAtom(readFixture(FIXTURE.arxivAiLg)).papers,
    ...parseArxivAtom(readFixture(FIXTURE.arxivTransformer)).papers,
    ...parseArxivAtom(readFixture(FIXTURE.arxivLegacy)).papers,
    ...handWrittenPapers,
  ];
}
