import type { Config } from './config.js';
import type { Logger } from './core/logger.js';
import type { PaperSearch } from './core/search.js';
import { type DatabaseHandle, openDatabase, pgliteDirectory } from './db/database.js';
import { type ArxivSource, createArxivSource } from './sources/arxiv.js';
import { createHfDailyPapersSource, type HfDailyPapersSource } from './sources/hf-daily-papers.js';
import { createHttpClient } from './sources/http-client.js';
import { createIngestRunStore, type IngestRunStore } from './store/ingest-run-store.js';
import { createPaperStore, type PaperStore } from './store/paper-store.js';
import { createPaperSearch } from './store/search-papers.js';
import { userAgent } from './version.js';

/** Everything the commands need, built from the configuration in one place. */
export interface Services {
  database: DatabaseHandle;
  papers: PaperStore;
  runs: IngestRunStore;
  search: PaperSearch;
  hf: HfDailyPapersSource;
  arxiv: ArxivSource;
  close(): Promise<void>;
}

export async function openServices(config: Config, logger: Logger): Promise<Services> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: pgliteDirectory(config.PAPERBOY_DATA_DIR),
  });
  const http = createHttpClient({
    userAgent: userAgent(config.PAPERBOY_CONTACT),
    timeoutMs: config.HTTP_TIMEOUT_MS,
    maxRetries: config.HTTP_MAX_RETRIES,
    logger: logger.child({ component: 'http' }),
  });
  return {
    database,
    papers: createPaperStore(database.db),
    runs: createIngestRunStore(database.db),
    search: createPaperSearch(database.db),
    hf: createHfDailyPapersSource({
      baseUrl: config.HF_API_URL,
      http,
      logger: logger.child({ source: 'hf' }),
    }),
    arxiv: createArxivSource({
      apiUrl: config.ARXIV_API_URL,
      rssUrl: config.ARXIV_RSS_URL,
      http,
      minIntervalMs: config.ARXIV_MIN_INTERVAL_MS,
      logger: logger.child({ source: 'arxiv' }),
    }),
    close: () => database.close(),
  };
}
