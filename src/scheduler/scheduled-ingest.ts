import type { Config } from '../config.js';
import { utcDay } from '../core/days.js';
import type { Logger } from '../core/logger.js';
import { ingestArxivNew, ingestHfDay } from '../ingest/ingest-sources.js';
import type { IngestSummary } from '../ingest/run-ingest.js';
import type { Services } from '../services.js';
import { queueInstantAlerts } from './instant-alerts.js';
import { queueTldrsAfterIngest } from './queue-tldrs.js';
import { queueTractionEdits } from './traction-edits.js';

/**
 * The periodic ingest: today's and yesterday's Daily Papers (today's keeps growing; yesterday's may still
 * have been growing at the last run), and the new-submission feed of every arXiv category a channel follows
 * or ARXIV_CATEGORIES names. Then the instant alerts for what it found. A failed source is recorded in its
 * run and does not stop the others.
 */
export async function runScheduledIngest(options: {
  services: Services;
  config: Config;
  logger: Logger;
  now: () => Date;
  runKey: string;
}): Promise<{ summaries: IngestSummary[]; alerts: number }> {
  const { services, config, now } = options;
  const log = options.logger.child({ job: 'scheduled-ingest' });
  const startedAt = now();
  const ingestOptions = { logger: log, now };
  const summaries: IngestSummary[] = [];
  for (const day of [utcDay(startedAt), utcDay(new Date(startedAt.getTime() - 86_400_000))]) {
    summaries.push(await ingestHfDay(services, day, ingestOptions));
  }
  const followed = (await services.channels.list())
    .filter((channel) => channel.active)
    .flatMap((channel) => channel.settings.sources.filter((source) => source !== 'hf'));
  const categories = [...new Set([...config.ARXIV_CATEGORIES, ...followed])].sort();
  if (categories.length > 0) {
    summaries.push(await ingestArxivNew(services, categories, config.ARXIV_INCLUDE_CROSS, ingestOptions));
  }
  const alerts = await queueInstantAlerts({
    db: services.database.db,
    since: startedAt,
    now: now(),
    runKey: options.runKey,
    logger: log,
  });
  const edits = await queueTractionEdits({
    db: services.database.db,
    since: startedAt,
    now: now(),
    logger: log,
  }).catch((error: unknown) => {
    log.warn('could not look for posted papers that gained traction; trying again after the next ingest', {
      error,
    });
    return 0;
  });
  const tldrs = services.model
    ? await queueTldrsAfterIngest(services.database.db, startedAt, now()).catch((error: unknown) => {
        log.warn('could not queue TL;DRs for the new papers; digests ask for theirs when they post', {
          error,
        });
        return 0;
      })
    : 0;
  log.info('scheduled ingest finished', {
    runs: summaries.map((summary) => `${summary.source}:${summary.status}:${summary.stored}`),
    alerts,
    edits,
    tldrs,
  });
  return { summaries, alerts };
}
