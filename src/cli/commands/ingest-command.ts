import { daysEndingOn, startOfUtcDay, utcDay } from '../../core/days.js';
import { ingestArxivNew, ingestArxivRange, ingestHfDay } from '../../ingest/ingest-sources.js';
import { formatSummary, type IngestSummary } from '../../ingest/run-ingest.js';
import type { CliCommand } from '../cli-context.js';
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
  const options = { logger: context.logger, onProgress: context.out, now: context.now };
  const services = await context.openServices();
  try {
    const summaries: IngestSummary[] = [];
    if (source !== 'arxiv') {
      for (const day of dayList) summaries.push(await ingestHfDay(services, day, options));
    }
    if (source !== 'hf') {
      const backfill = date !== undefined || days !== undefined;
      const firstDay = dayList.at(-1) ?? lastDay;
      const range = { firstDay, lastDay, from: startOfUtcDay(firstDay), to: startOfUtcDay(lastDay, 1) };
      const includeCross = values.cross || context.config.ARXIV_INCLUDE_CROSS;
      summaries.push(
        backfill
          ? await ingestArxivRange(services, categories, range, options)
          : await ingestArxivNew(services, categories, includeCross, options),
      );
    }
    for (const summary of summaries) context.out(formatSummary(summary));
    return summaries.every((summary) => summary.status === 'succeeded') ? 0 : 1;
  } finally {
    await services.close();
  }
};
