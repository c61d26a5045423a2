/**
 * Rebuilds `sample/papers.json`, the papers `npm start` loads when the store is empty and no source can be
 * reached: the recorded fixtures reduced to paper metadata (no Hugging Face user profiles, avatars or
 * thumbnails). Run with `npx tsx scripts/build-sample.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fixtureCorpus, handWrittenPapers } from '../test/helpers/fixture-corpus.js';

const handWritten = new Set(handWrittenPapers.map((paper) => paper.id));
const papers = fixtureCorpus()
  .filter((paper) => !handWritten.has(paper.id))
  .map(({ thumbnail: _thumbnail, ...paper }) => paper);
writeFileSync(new URL('../sample/papers.json', import.meta.url), `${JSON.stringify(papers, null, 1)}\n`);
process.stdout.write(`wrote ${papers.length} papers to sample/papers.json\n`);
