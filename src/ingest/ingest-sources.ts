import type { Logger } from '../core/logger.js';
import type { Services } from '../services.js';
import { type IngestPage, type IngestSummary, runIngest } from './run-ingest.js';

export interface IngestOptions {
  logger: Logger;
  onProgress?: (line: string) => void;
  now: () => Date;
}

type IngestServices = Pick<Services, 'hf' | 'arxiv' | 'papers' | 'runs'>;

/** One Daily-Papers day, every page. */
export function ingestHfDay(
  services: IngestServices,
  day: string,
  options: IngestOptions,
): Promise<IngestSummary> {
  async function* pages(): AsyncGenerator<IngestPage> {
    for await (const { page, batch } of services.hf.fetchDay(day))
      yield { label: `${day} page ${page}`, batch };
  }
  return run(services, 'hf', { date: day }, pages(), options);
}

/** The day's new submissions of the categories (arXiv's announcement feed; empty at weekends). */
export function ingestArxivNew(
  services: IngestServices,
  categories: string[],
  includeCross: boolean,
  options: IngestOptions,
): Promise<IngestSummary> {
  async function* pages(): AsyncGenerator<IngestPage> {
    const batch = await services.arxiv.fetchNew(categories, { includeCross });
    yield { label: `new in ${categories.join('+')}`, batch };
  }
  return run(services, 'arxiv', { mode: 'new', categories, includeCross }, pages(), options);
}

/** A backfill through arXiv's query API: submissions between two UTC days, inclusive. */
export function ingestArxivRange(
  services: IngestServices,
  categories: string[],
  range: { firstDay: string; lastDay: string; from: Date; to: Date },
  options: IngestOptions,
): Promise<IngestSummary> {
  async function* pages(): AsyncGenerator<IngestPage> {
    for await (const { page, batch, totalResults } of services.arxiv.searchPages({
      categories,
      from: range.from,
      to: range.to,
    })) {
      const of = totalResults ? ` of ~${totalResults} results` : '';
      yield { label: `${range.firstDay}..${range.lastDay} page ${page}${of}`, batch };
    }
  }
  const params = { mode: 'range', categories, from: range.firstDay, to: range.lastDay };
  return run(services, 'arxiv', params, pages(), options);
}

function run(
  services: IngestServices,
  source: string,
  params: Record<string, unknown>,
  pages: AsyncIterable<IngestPage>,
  options: IngestOptions,
): Promise<IngestSummary> {
  return runIngest({
    source,
    params,
    pages,
    papers: services.papers,
    runs: services.runs,
    logger: options.logger,
    now: options.now,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
