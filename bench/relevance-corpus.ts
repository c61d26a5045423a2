import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { PaperInput } from '../src/core/paper.js';
import { sharedDir } from '../test/helpers/shared-dir.js';
import { seededRandom, syntheticPapers } from './synthetic-papers.js';

/** The real-text corpus (`../shared/corpus/`), read at run time; undefined when it is absent. */
export const corpusPath: string | undefined = (() => {
  const path = sharedDir ? join(sharedDir, 'corpus', 'papers.jsonl.gz') : undefined;
  return path && existsSync(path) ? path : undefined;
})();

interface CorpusLine {
  id: string | null;
  title: string;
  abstract: string;
  authors?: string[];
  categories: string[];
  published: string | null;
}

/**
 * The categories Hugging Face's Daily Papers favour, and how much: the site is mostly language models, vision and
 * machine learning. A paper's chance of being picked for a day is multiplied by its best category's factor.
 */
const HF_CATEGORY_FACTOR: Record<string, number> = {
  'cs.CL': 1.6,
  'cs.CV': 1.2,
  'cs.LG': 1.2,
  'cs.AI': 1.3,
};
/** Title words that draw upvotes on the real site (language models, agents, reasoning, generation). */
const HOT_WORDS =
  /\b(llms?|language models?|agents?|agentic|reasoning|diffusion|multimodal|benchmark|video generation|reinforcement)\b/i;
/** About 12% of a listing's papers reach the Daily Papers page (30-60 a day, as on the real site). */
const HF_PICK_RATE = 0.12;

/** A standard normal draw (Box-Muller). */
const gaussian = (random: () => number) =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/**
 * The corpus as papers to store, with simulated Hugging Face data (the corpus has none): each paper of a dated
 * listing is picked for that day's Daily Papers with a chance that favours the site's categories and hot title
 * words; a picked paper gets upvotes drawn from a log-normal distribution (median about 7, 1% above 130, as
 * skewed as the real site), doubled for hot titles. Papers without an id get ids in a range no real paper uses
 * (`99MM.NNNNN`). The same corpus gives the same papers and upvotes on every run.
 */
export async function corpusPapers(path: string, seed = 14): Promise<PaperInput[]> {
  const random = seededRandom(seed);
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  const papers: PaperInput[] = [];
  const seen = new Set<string>();
  let invented = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as CorpusLine;
    const id =
      entry.id ??
      `99${String(invented % 100).padStart(2, '0')}.${String(Math.floor(invented / 100)).padStart(5, '0')}`;
    if (!entry.id) invented += 1;
    if (seen.has(id) || !entry.title) continue;
    seen.add(id);
    const publishedAt = entry.published ? new Date(`${entry.published}T00:00:00Z`) : undefined;
    const factor = Math.max(0.4, ...entry.categories.map((category) => HF_CATEGORY_FACTOR[category] ?? 0.4));
    const hot = HOT_WORDS.test(entry.title);
    const picked =
      entry.published !== null && random() < Math.min(0.6, HF_PICK_RATE * factor * (hot ? 1.5 : 1));
    const paper: PaperInput = {
      id,
      title: entry.title,
      abstract: entry.abstract,
      authors: entry.authors ?? [],
      categories: entry.categories,
      ...(entry.categories[0] ? { primaryCategory: entry.categories[0] } : {}),
      ...(publishedAt ? { publishedAt } : {}),
      source: picked ? 'hf' : 'arxiv',
    };
    if (picked && entry.published) {
      paper.dailyDate = entry.published;
      paper.upvotes = Math.floor(Math.exp(2 + 1.25 * gaussian(random)) * (hot ? 2 : 1));
    }
    papers.push(paper);
  }
  return papers;
}

/**
 * Generated papers that bring the store to `total`, dated two years earlier (2023-2024, before the corpus's listings) so that they never enter the simulated days:
 * they only make the store as large as the target says.
 */
export function fillerPapers(count: number): PaperInput[] {
  const shift = 731 * 86_400_000;
  return syntheticPapers(count, 7).map((paper) => {
    const publishedAt = new Date((paper.publishedAt?.getTime() ?? 0) - shift);
    const moved: PaperInput = { ...paper, publishedAt };
    if (paper.dailyDate) moved.dailyDate = publishedAt.toISOString().slice(0, 10);
    return moved;
  });
}
