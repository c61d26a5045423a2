import { daysEndingOn, startOfUtcDay, utcDay } from '../../core/days.js';
import { formatSummary, type IngestPage, type IngestSummary, runIngest } from '../../ingest/run-ingest.js';
import type { Services } from '../../services.js';
import type { CliCommand, CliContext } from '../cli-context.js';
import { parseChoice, parseFlags, parseInteger, parseIsoDate } from '../parse-flags.js';
import { UsageError } from '../usage.js';

const ARXIV_CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

/** `paperboy ingest`: Daily Papers by day, arXiv's new-submission feed, or an arXiv backfill by date. */
export const ingestCommand: CliCommand = async (context) => {
  const { values } = parseFlags(context.args, {
    source: { type: 'string', default: 'all' },
    date: { type: 'string' },
    days: { type: 'string' },
    category: { type: 'string', multiple: true },
    cross: { type: 'boolean', default: false },
  });
  const source = parseChoice('source', values.source, ['hf', 'arxiv', 'all'] as const) ?? 'all';
  const date = parseIsoDate('date', values.date);
  const days = parseInteger('days', values.days, 1, 365);
  const categories = values.category ?? context.config.ARXIV_CATEGORIES;
  const badCategory = categories.find((category) => !ARXIV_CATEGORY.test(category));
  if (badCategory) throw new UsageError(`--category "${badCategory}" is not an arXiv category such as cs.LG`);

  const lastDay = date ?? utcDay(context.now());
  const dayList = daysEndingOn(lastDay, days ?? 1);
  const services = await context.openServices();
  try {
    const summaries: IngestSummary[] = [];
    if (source !== 'arxiv') {
      for (const day of dayList) summaries.push(await ingestHfDay(context, services, day));
    }
    if (source !== 'hf') {
      const backfill = date !== undefined || days !== undefined;
      summaries.push(
        backfill
          ? await ingestArxivRange(context, services, categories, dayList.at(-1) ?? lastDay, lastDay)
          : await ingestArxivNew(
              context,
              services,
              categories,
              values.cross || context.config.ARXIV_INCLUDE_CROSS,
            ),
      );
    }
    for (const summary of summaries) context.out(formatSummary(summary));
    return summaries.every((summary) => summary.status === 'succeeded') ? 0 : 1;
  } finally {
    await services.close();
  }
};

function ingestHfDay(context: CliContext, services: Services, day: string): Promise<IngestSummary> {
  async function* pages(): AsyncGenerator<IngestPage> {
    for await (const { page, batch } of services.hf.fetchDay(day))
      yield { label: `${day} page ${page}`, batch };
  }
  return run(context, services, 'hf', { date: day }, pages());
}

function ingestArxivNew(
  context: CliContext,
  services: Services,
  categories: string[],
  includeCross: boolean,
): Promise<IngestSummary> {
  async function* pages(): AsyncGenerator<IngestPage> {
    const batch = await services.arxiv.fetchNew(categories, { includeCross });
    yield { label: `new in ${categories.join('+')}`, batch };
  }
  return run(context, services, 'arxiv', { mode: 'new', categories, includeCross }, pages());
}

function ingestArxivRange(
  context: CliContext,
  services: Services,
  categories: string[],
  firstDay: string,
  lastDay: string,
): Promise<IngestSummary> {
  async function* pages(): AsyncGenerator<IngestPage> {
    const range = { categories, from: startOfUtcDay(firstDay), to: startOfUtcDay(lastDay, 1) };
    for await (const { page, batch, totalResults } of services.arxiv.searchPages(range)) {
      yield {
        label: `${firstDay}..${lastDay} page ${page}${totalResults ? ` of ~${totalResults} results` : ''}`,
        batch,
      };
    }
  }
  return run(context, services, 'arxiv', { mode: 'range', categories, from: firstDay, to: lastDay }, pages());
}

function run(
  context: CliContext,
  services: Services,
  source: string,
  params: Record<string, unknown>,
  pages: AsyncIterable<IngestPage>,
): Promise<IngestSummary> {
  return runIngest({
    source,
    params,
    pages,
    papers: services.papers,
    runs: services.runs,
    logger: context.logger,
    onProgress: context.out,
    now: context.now,
  });
}
