import { type BotDependencies, defaultAnswerLimit } from '../core/bot/bot-dependencies.js';
import type { Logger } from '../core/logger.js';
import type { Database } from '../db/database.js';
import { createChannelOverviews } from './channel-overview-store.js';
import { createChannelStore } from './channel-store.js';
import { createDigestPapers } from './digest-papers.js';
import { createFeedbackStore } from './feedback-store.js';
import { createInteractionStateStore } from './interaction-state-store.js';
import { createPaperStore } from './paper-store.js';
import { createPaperUpdateStore } from './paper-update-store.js';
import { createPostedMessageStore } from './posted-message-store.js';
import { createPaperSearch } from './search-papers.js';
import { createSharedPaperStore } from './shared-paper-store.js';
import { createSubscriptionStore } from './subscription-store.js';

/** The command handler's dependencies on one database (without a paper fetcher: callers add one if they can). */
export function createStoreBotDependencies(db: Database, logger: Logger): BotDependencies {
  return {
    channels: createChannelStore(db),
    subscriptions: createSubscriptionStore(db),
    digestPapers: createDigestPapers(db),
    catalog: createPaperStore(db),
    search: createPaperSearch(db),
    interactionState: createInteractionStateStore(db),
    feedback: createFeedbackStore(db),
    postedMessages: createPostedMessageStore(db),
    shares: createSharedPaperStore(db),
    paperUpdates: createPaperUpdateStore(db),
    overviews: createChannelOverviews(db),
    logger,
    answerLimit: defaultAnswerLimit(),
  };
}
