import type { PaperInput } from '../../src/core/paper.js';
import { parseArxivAtom } from '../../src/sources/arxiv-atom.js';
import { parseHfDailyPapers } from '../../src/sources/hf-daily-papers.js';
import {
  ARXIV_AI_LG_50,
  ARXIV_LEGACY_2,
  ARXIV_TRANSFORMER_5,
  HF_DAY_30,
  HF_MIXED_25,
  readUpstreamFixture as read,
} from './fixtures.js';

/**
 * Papers the recorded fixtures lack but search must handle: a hyphenated acronym title, an abstract that
 * spells out "Low-Rank Adaptation (LoRA)", and a word to misspell for the fuzzy fallback.
 */
export const handWrittenPapers: PaperInput[] = [
  {
    id: '2411.14961',
    title: 'LoRA-FAIR: Federated LoRA Fine-Tuning with Aggregation and Initialization Refinement',
    abstract: 'Foundation models are fine-tuned with parameter-efficient methods in federated settings.',
    authors: ['Jieming Bian', 'Lei Wang', 'Letian Zhang', 'Jie Xu'],
    publishedAt: new Date('2026-06-01T00:00:00Z'),
    categories: ['cs.LG'],
    source: 'arxiv',
  },
  {
    id: '2106.09685',
    title: 'Adapting Large Language Models Cheaply',
    abstract:
      'We propose Low-Rank Adaptation (LoRA), which freezes the pretrained weights and injects trainable rank decomposition matrices.',
    authors: ['Edward Hu', 'Yelong Shen'],
    publishedAt: new Date('2026-05-20T00:00:00Z'),
    categories: ['cs.CL'],
    source: 'arxiv',
  },
  {
    id: '2501.04697',
    title: 'Grokking at the Edge of Numerical Stability',
    abstract: 'Generalization long after overfitting is studied through softmax collapse.',
    authors: ['Lucas Prieto', 'Melih Barsbey'],
    publishedAt: new Date('2026-01-08T00:00:00Z'),
    categories: ['cs.LG'],
    source: 'arxiv',
  },
];

/** Both recorded HF days, the recorded arXiv feeds and the hand-written papers. */
export function fixtureCorpus(): PaperInput[] {
  return [
    ...parseHfDailyPapers(read(HF_DAY_30)).papers,
    ...parseHfDailyPapers(read(HF_MIXED_25)).papers,
    ...parseArxivAtom(read(ARXIV_AI_LG_50)).papers,
    ...parseArxivAtom(read(ARXIV_TRANSFORMER_5)).papers,
    ...parseArxivAtom(read(ARXIV_LEGACY_2)).papers,
    ...handWrittenPapers,
  ];
}
