import { readFileSync } from 'node:fs';
import { type BenchResults, writeReadmeResults } from './readme-performance.js';

/** `npm run bench:readme`: the README's results again from bench/results.json, without running anything. */
const results = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) as BenchResults;
writeReadmeResults(results, (line) => process.stderr.write(`${line}\n`));
