import type { ChannelRef } from '../channel.js';
import type { Logger } from '../logger.js';
import type { Paper } from '../paper.js';
import type { ChannelStore, DigestPapers, PaperCatalog, SubscriptionStore } from '../ports.js';
import type { PaperSearch } from '../search.js';
import type { BotObserver } from './bot-observer.js';

/**
 * What the command handler needs; the composition root wires the Postgres-backed implementations in, tests
 * may wire others.
 */
export interface BotDependencies {
  channels: ChannelStore;
  subscriptions: SubscriptionStore;
  digestPapers: DigestPapers;
  catalog: PaperCatalog;
  search: PaperSearch;
  /** Fetches (and stores) a paper the store does not have yet, e.g. from arXiv by id; null when unknown. */
  fetchPaper?: (id: string) => Promise<Paper | null>;
  logger: Logger;
  /** Told about each answered command (metrics). */
  observer?: BotObserver;
}

/** Who asked, where, and when. */
export interface CommandContext {
  channel: ChannelRef;
  now: Date;
}
