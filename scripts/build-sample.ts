/**
 * Rebuilds `sample/papers.json`, the papers `npm start` loads when the store is empty and no source can be
 * reached: the project's invented fixture papers (test/helpers/fixture-corpus.ts), the hand-written ones
 * included, without thumbnails (they would point at Hugging Face's image server). Every paper, person,
 * organisation, link and id in them was made up; see sample/README.md. Run with `npx tsx scripts/build-sample.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fixtureCorpus } from '../test/helpers/fixture-corpus.js';

const papers = fixtureCorpus().map(({ thumbnail: _thumbnail, ...paper }) => paper);
writeFileSync(new URL('../sample/papers.json', import.meta.url), `${JSON.stringify(papers, null, 1)}\n`);
const distinct = new Set(papers.map((paper) => paper.id)).size;
process.stdout.write(`wrote ${papers.length} entries (${distinct} papers) to sample/papers.json\n`);
