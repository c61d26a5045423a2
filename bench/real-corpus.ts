import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One paper of `../shared/corpus/papers.jsonl.gz`, with an id even where the corpus has none. */
export interface RealPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  /** `YYYY-MM-DD`, the day of the arXiv listing; undefined where the corpus does not know it. */
  published?: string;
}

interface CorpusLine {
  id: string | null;
  title: string;
  abstract: string | null;
  authors?: string[] | null;
  categories?: string[] | null;
  published: string | null;
}

/**
 * Ids for the papers the corpus has without one: `2699.9NNNN`, a month that does not exist with numbers above
 * 90000 (the range the project's own fixtures use), so they never collide with a real paper.
 */
export const missingId = (index: number): string => `2699.${90_000 + index}`;

/**
 * Every paper of the corpus at `path`, in file order, read at run time (nothing derived from it is kept on disk).
 * Papers without a title, and the second of two with the same id, are left out.
 */
export async function readRealCorpus(path: string): Promise<RealPaper[]> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  const papers: RealPaper[] = [];
  const seen = new Set<string>();
  let invented = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as CorpusLine;
    if (!entry.title) continue;
    const id = entry.id ?? missingId(invented++);
    if (seen.has(id)) continue;
    seen.add(id);
    papers.push({
      id,
      title: entry.title,
      abstract: entry.abstract ?? '',
      authors: entry.authors ?? [],
      categories: entry.categories ?? [],
      ...(entry.published ? { published: entry.published } : {}),
    });
  }
  return papers;
}
