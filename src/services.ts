import type { Config } from './config.js';
import type { BotDependencies } from './core/bot/bot-dependencies.js';
import type { Logger } from './core/logger.js';
import type { ChannelStore, DigestPapers, SubscriptionStore } from './core/ports.js';
import type { QuestionDependencies } from './core/questions/answer-question.js';
import { nextDueAt } from './core/schedule/due-times.js';
import type { PaperSearch } from './core/search.js';
import { type DatabaseHandle, openDatabase, pgliteDirectory } from './db/database.js';
import { createPaperFullTexts } from './ingest/paper-full-texts.js';
import { createPaperLookups } from './ingest/paper-lookups.js';
import { createModelServices, type ModelServices } from './model-services.js';
import { type ArxivSource, createArxivSource } from './sources/arxiv.js';
import { createArxivHtmlSource } from './sources/arxiv-html.js';
import { createHfDailyPapersSource, type HfDailyPapersSource } from './sources/hf-daily-papers.js';
import { createHttpClient } from './sources/http-client.js';
import { createRequestSpacer } from './sources/request-spacer.js';
import { createIngestRunStore, type IngestRunStore } from './store/ingest-run-store.js';
import { createPaperStore, type PaperStore } from './store/paper-store.js';
import { createQuestionStore } from './store/question-store.js';
import { createStoreBotDependencies } from './store/store-bot-dependencies.js';
import { userAgent } from './version.js';

/** Everything the commands need, built from the configuration in one place. */
export interface Services {
  database: DatabaseHandle;
  papers: PaperStore;
  runs: IngestRunStore;
  search: PaperSearch;
  channels: ChannelStore;
  subscriptions: SubscriptionStore;
  digestPapers: DigestPapers;
  hf: HfDailyPapersSource;
  arxiv: ArxivSource;
  /** What the command handler needs, wired to these services. */
  bot: BotDependencies;
  /** The language model (TL;DRs, answers), or null without one. */
  model: ModelServices | null;
  /** Closes the database, letting queries in flight finish for at most `timeoutMs`. */
  close(timeoutMs?: number): Promise<void>;
}

export async function openServices(config: Config, logger: Logger): Promise<Services> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: pgliteDirectory(config.PAPERBOY_DATA_DIR),
    logger,
  });
  const http = createHttpClient({
    userAgent: userAgent(config.PAPERBOY_CONTACT),
    timeoutMs: config.HTTP_TIMEOUT_MS,
    maxRetries: config.HTTP_MAX_RETRIES,
    logger: logger.child({ component: 'http' }),
  });
  const papers = createPaperStore(database.db);
  const stores = createStoreBotDependencies(database.db, logger.child({ component: 'bot' }));
  const arxiv = createArxivSource({
    apiUrl: config.ARXIV_API_URL,
    rssUrl: config.ARXIV_RSS_URL,
    http,
    minIntervalMs: config.ARXIV_MIN_INTERVAL_MS,
    logger: logger.child({ source: 'arxiv' }),
  });
  const lookups = createPaperLookups({
    arxiv,
    papers,
    logger: logger.child({ component: 'paper-lookups' }),
    maxQueued: config.PAPER_LOOKUP_QUEUE,
  });
  // INGEST_CRON is read in the server's timezone, as node-cron reads it.
  const serverTimezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const ingestSchedule = {
    enabled: true,
    time: '00:00',
    timezone: serverTimezone,
    days: { kind: 'cron' as const, expression: config.INGEST_CRON },
  };
  const nextIngestAt = (now: Date) => {
    const at = nextDueAt(ingestSchedule, now);
    return at ? { at, timezone: serverTimezone } : null;
  };
  // A paper the store lacks is looked up on arXiv; if arXiv cannot be reached the answer is "unknown".
  const fetchPaper = async (id: string) => (await lookups.lookup([id]))[0] ?? null;
  const model = createModelServices(config, database.db, logger.child({ component: 'model' }));
  const fullTexts = createPaperFullTexts({
    db: database.db,
    html: createArxivHtmlSource({
      baseUrl: config.ARXIV_HTML_URL,
      // Someone is waiting for the answer: one retry, then the abstract alone.
      http: createHttpClient({
        userAgent: userAgent(config.PAPERBOY_CONTACT),
        timeoutMs: Math.min(config.HTTP_TIMEOUT_MS, 10_000),
        maxRetries: Math.min(config.HTTP_MAX_RETRIES, 1),
        logger: logger.child({ component: 'http' }),
      }),
      // arXiv's pages are asked as politely as its API: one request at a time, ARXIV_MIN_INTERVAL_MS apart.
      schedule: createRequestSpacer({ minIntervalMs: config.ARXIV_MIN_INTERVAL_MS }).run,
      logger: logger.child({ source: 'arxiv-html' }),
    }),
    logger: logger.child({ component: 'full-texts' }),
  });
  const questions: QuestionDependencies = {
    model: model?.model ?? null,
    ...(model ? { health: model.health, budget: model.budget, dailyTokens: model.dailyTokens } : {}),
    limits: createQuestionStore(database.db),
    limitValues: { perUserHour: config.ASK_PER_USER_HOUR, perWorkspaceDay: config.ASK_PER_WORKSPACE_DAY },
    catalog: stores.catalog,
    ...(stores.postedMessages ? { postedMessages: stores.postedMessages } : {}),
    channels: stores.channels,
    fullTexts,
    logger: logger.child({ component: 'questions' }),
  };
  return {
    database,
    papers,
    runs: createIngestRunStore(database.db),
    search: stores.search,
    channels: stores.channels,
    subscriptions: stores.subscriptions,
    digestPapers: stores.digestPapers,
    hf: createHfDailyPapersSource({
      baseUrl: config.HF_API_URL,
      http,
      logger: logger.child({ source: 'hf' }),
    }),
    arxiv,
    bot: {
      ...stores,
      fetchPaper,
      lookupPapers: lookups.lookup,
      nextIngestAt,
      ...(model ? { tldrs: model.filler } : {}),
      questions,
    },
    model,
    close: (timeoutMs) => database.close(timeoutMs),
  };
}
