import type { Config } from '../config.js';
import { utcDay } from '../core/days.js';
import { type Logger, silentLogger } from '../core/logger.js';
import type { Services } from '../services.js';
import { createHfDailyPapersSource } from '../sources/hf-daily-papers.js';
import { createHttpClient } from '../sources/http-client.js';
import { userAgent } from '../version.js';
import { type IngestPage, runIngest } from './run-ingest.js';
import { loadSamplePapers } from './sample.js';

/** A first look at Hugging Face should not keep a new user waiting: one short try, no retries. */
const FIRST_TRY_TIMEOUT_MS = 5000;

/**
 * On first start: fetch today's Daily Papers (yesterday's too, since today's may still be empty); if no
 * source answers, say so and load the bundled sample of invented papers, dated to the weeks before `now`, so
 * every command can be tried offline.
 */
export async function fillEmptyStore(options: {
  services: Services;
  config: Config;
  logger: Logger;
  out: (line: string) => void;
  now: Date;
}): Promise<void> {
  const { services, out } = options;
  if ((await services.papers.countPapers()) > 0) return;
  out('The paper store is empty: fetching the latest Daily Papers from Hugging Face...');
  const hf = createHfDailyPapersSource({
    baseUrl: options.config.HF_API_URL,
    http: createHttpClient({
      userAgent: userAgent(options.config.PAPERBOY_CONTACT),
      timeoutMs: FIRST_TRY_TIMEOUT_MS,
      maxRetries: 0,
    }),
    logger: options.logger,
  });
  const yesterday = utcDay(new Date(options.now.getTime() - 86_400_000));
  let failure: string | undefined;
  for (const day of [utcDay(options.now), yesterday]) {
    async function* pages(): AsyncGenerator<IngestPage> {
      for await (const { page, batch } of hf.fetchDay(day)) yield { label: `${day} page ${page}`, batch };
    }
    const summary = await runIngest({
      source: 'hf',
      params: { date: day, firstRun: true },
      pages: pages(),
      papers: services.papers,
      runs: services.runs,
      // The outcome is told to the user below and kept in the run record; no error log for a first try.
      logger: silentLogger,
    });
    failure ??= summary.error;
    if (summary.status === 'failed') break;
  }
  const stored = await services.papers.countPapers();
  if (stored > 0) {
    out(`Stored ${stored} papers.`);
    return;
  }
  const loaded = await services.papers.upsertPapers(await loadSamplePapers(options.now));
  out(
    `No paper source could be reached${failure ? ` (${failure})` : ''}. Loaded the bundled sample of ${loaded} papers, invented for trying paperboy (not real research), so you can try every command offline.`,
  );
}
