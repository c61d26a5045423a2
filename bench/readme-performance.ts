import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchRow } from './measure.js';

/** What `npm run bench` writes to bench/results.json. */
export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel?: string; memoryGiB: number; node: string };
  rows: (BenchRow & { previous?: string })[];
}

const START = '<!-- bench-results:start (written by npm run bench from bench/results.json) -->';
const END = '<!-- bench-results:end -->';
const README = new URL('../README.md', import.meta.url);

/** Table cells stay on one line and keep their pipes as text. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The results as the README shows them: the run, then one table row per bench row, the previous figure beside. */
export function resultsTable(results: BenchResults): string {
  const { machine } = results;
  const lines = [
    `Run of ${results.date.slice(0, 10)} on ${machine.cpus} CPUs (${machine.cpuModel ?? 'unknown'}), ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    '',
    '| scenario | backend | inputs | result | previous run | target | met |',
    '|---|---|---|---|---|---|---|',
    ...results.rows.map(
      (row) =>
        `| ${[
          row.scenario,
          row.backend,
          row.inputs,
          row.figure,
          row.previous ?? '-',
          row.target,
          row.met === null ? '-' : row.met ? 'yes' : 'NO',
        ]
          .map(cell)
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

/** Replaces the README's results between its markers; says so when the markers are missing. */
export function writeReadmeResults(results: BenchResults, log: (line: string) => void): void {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    log(`README.md has no ${START} ... ${END} markers: its results were not updated`);
    return;
  }
  const updated = `${readme.slice(0, start + START.length)}\n${resultsTable(results)}\n${readme.slice(end)}`;
  writeFileSync(README, updated);
  log('wrote the results into README.md (Performance)');
}
