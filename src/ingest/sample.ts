import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PaperInput } from '../core/paper.js';

/** Where the bundled sample lives: recorded HF and arXiv data reduced to paper metadata. */
export const SAMPLE_FILE = new URL('../../sample/papers.json', import.meta.url);

const date = z.iso.datetime().transform((text) => new Date(text));
const samplePaper = z.looseObject({
  id: z.string(),
  title: z.string(),
  source: z.enum(['hf', 'arxiv']),
  publishedAt: date.optional(),
  updatedAt: date.optional(),
});

/** The bundled sample papers, so every command can be tried offline. */
export async function loadSamplePapers(file: URL = SAMPLE_FILE): Promise<PaperInput[]> {
  const parsed = z.array(samplePaper).parse(JSON.parse(await readFile(file, 'utf8')));
  return parsed as unknown as PaperInput[];
}
