import { readFile } from 'node:fs/promises';
import type { ParsedBatch } from '../core/paper.js';
import { parseArxivAtom } from '../sources/arxiv-atom.js';
import { parseArxivRss } from '../sources/arxiv-rss.js';
import { parseHfDailyPapers } from '../sources/hf-daily-papers.js';
import { detectFormat, type ImportFormat } from './detect-format.js';
import type { IngestPage } from './run-ingest.js';

/** Papers per transaction when importing a large file. */
const IMPORT_BATCH_SIZE = 1000;

export class ImportFormatError extends Error {
  override name = 'ImportFormatError';
}

export interface ParsedImport {
  format: ImportFormat;
  pages: IngestPage[];
}

/** Reads a saved HF `daily_papers` JSON array or an arXiv Atom/RSS file, detected by its content. */
export async function readImportFile(path: string): Promise<ParsedImport> {
  const content = await readFile(path, 'utf8');
  const format = detectFormat(content);
  if (!format) {
    throw new ImportFormatError(
      `${path} is neither a Hugging Face daily_papers JSON array nor an arXiv Atom or RSS feed`,
    );
  }
  return { format, pages: inBatches(parseImport(format, content)) };
}

function parseImport(format: ImportFormat, content: string): ParsedBatch {
  switch (format) {
    case 'hf-json':
      return parseHfDailyPapers(content);
    case 'arxiv-atom':
      return parseArxivAtom(content);
    case 'arxiv-rss':
      return parseArxivRss(content, { includeCross: true });
  }
}

function inBatches(batch: ParsedBatch): IngestPage[] {
  const pages: IngestPage[] = [];
  const count = Math.max(1, Math.ceil(batch.papers.length / IMPORT_BATCH_SIZE));
  for (let index = 0; index < count; index += 1) {
    pages.push({
      label: `batch ${index + 1}/${count}`,
      batch: {
        papers: batch.papers.slice(index * IMPORT_BATCH_SIZE, (index + 1) * IMPORT_BATCH_SIZE),
        skipped: index === 0 ? batch.skipped : [],
      },
    });
  }
  return pages;
}
