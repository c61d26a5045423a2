import type { PaperInput } from '../../src/core/paper.js';
import { parseArxivAtom } from '../../src/sources/arxiv-atom.js';
import { parseHfDailyPapers } from '../../src/sources/hf-daily-papers.js';
import { RECORDED, readRecordedUpstream } from './shared-dir.js';

/**
 * The recorded Hugging Face and arXiv responses in `../shared/fixtures/upstream/`, parsed: real text, for the
 * checks that only real statistics can make. Call it inside a `describeRecorded` suite.
 */
export function recordedCorpus(): PaperInput[] {
  return [
    ...parseHfDailyPapers(readRecordedUpstream(RECORDED.hfDay30)).papers,
    ...parseHfDailyPapers(readRecordedUpstream(RECORDED.hfMixed25)).papers,
    ...parseArxivAtom(readRecordedUpstream(RECORDED.arxivAiLg50)).papers,
    ...parseArxivAtom(readRecordedUpstream(RECORDED.arxivTransformer5)).papers,
    ...parseArxivAtom(readRecordedUpstream(RECORDED.arxivLegacy2)).papers,
  ];
}
