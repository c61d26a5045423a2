import type { ChannelRef } from '../channel.js';
import { type ConcurrencyLimit, concurrencyLimit } from '../concurrency-limit.js';
import type { Logger } from '../logger.js';
import type { Paper } from '../paper.js';
import type {
  ChannelOverviews,
  ChannelStore,
  DigestPapers,
  FeedbackStore,
  InteractionState,
  PaperCatalog,
  PaperUpdates,
  PostedMessages,
  SharedPapers,
  SubscriptionStore,
} from '../ports.js';
import type { QuestionDependencies } from '../questions/answer-question.js';
import type { PaperSearch } from '../search.js';
import type { TldrFiller } from '../tldr/tldr-filler.js';
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
  /** Feedback on papers (votes, saves); without it feedback controls answer that they do not work. */
  feedback?: FeedbackStore;
  /** The messages paperboy posted, to redraw their counts and recognise reactions on them. */
  postedMessages?: PostedMessages;
  /** Where button values too long for a platform are kept; without it they stay inline (tests, the console). */
  interactionState?: InteractionState;
  /** Fetches (and stores) a paper the store does not have yet, e.g. from arXiv by id; null when unknown. */
  fetchPaper?: (id: string) => Promise<Paper | null>;
  /**
   * Fetches (and stores) the papers the store does not have yet, deduplicated and queued (arXiv by id); the ones
   * arXiv does not know, or that could not be fetched, are left out. Without it, unknown papers get no card.
   */
  lookupPapers?: (ids: readonly string[]) => Promise<Paper[]>;
  /** Who shared which papers in each channel; without it shares are not recorded. */
  shares?: SharedPapers;
  /** When the next scheduled ingest runs (and the timezone to say it in), for `/papers why`; absent: not said. */
  nextIngestAt?: (now: Date) => { at: Date; timezone: string } | null;
  /** Channels at a glance, for Slack's App Home; without it the Home says it cannot list channels. */
  overviews?: ChannelOverviews;
  /** The link of a message paperboy posted (Slack's permalink, Discord's message URL); absent or null: none. */
  messageLink?: (channel: ChannelRef, messageId: string) => Promise<string | null>;
  /** Posted papers that gained traction since, for the digest's "since you saw it" lines. */
  paperUpdates?: PaperUpdates;
  /** What questions about papers need (`@paperboy` in a paper's thread, Discord's `/ask`); absent: not answered. */
  questions?: QuestionDependencies;
  /** The model's TL;DRs, put into answers in the channel's language; absent without a model. */
  tldrs?: Pick<TldrFiller, 'fill'>;
  logger: Logger;
  /** Told about each answered command (metrics). */
  observer?: BotObserver;
  /**
   * How many answers are worked on at once; the rest wait their turn. It keeps a burst of commands from
   * flooding the process, so acknowledging new ones stays quick.
   */
  answerLimit?: ConcurrencyLimit;
}

/** Who asked, where, and when. */
export interface CommandContext {
  channel: ChannelRef;
  now: Date;
  /** The platform's id of who asked (`U123`, a Discord snowflake, `local`), where the platform says. */
  userId?: string;
}

/**
 * Answers worked on at once per process. Measured on 2 cores sharing the machine with Postgres: 4 keeps the
 * throughput of 8 while leaving the event loop enough CPU to ack new commands quickly (`npm run bench`).
 */
export const ANSWERS_AT_ONCE = 4;

export const defaultAnswerLimit = (): ConcurrencyLimit => concurrencyLimit(ANSWERS_AT_ONCE);
