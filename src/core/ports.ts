import type { Card, FeedbackCounts } from './cards/card.js';
import type { Channel, ChannelRef, ChannelSettings } from './channel.js';
import type { FeedbackKind, FeedbackResult } from './feedback/feedback.js';
import type { Paper } from './paper.js';
import type { PaperDocument } from './relevance/paper-document.js';
import type { SubscriptionTerm } from './subscriptions/term.js';

/**
 * The channels paperboy serves. `ensure` creates a channel with the default settings on first contact.
 *
 * @example
 * const channel = await channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' });
 * await channels.updateSettings(channel, { ...channel.settings, top: 7 });
 */
export interface ChannelStore {
  get(ref: ChannelRef): Promise<Channel | null>;
  ensure(ref: ChannelRef): Promise<Channel>;
  /** Saves settings; a changed schedule owes the channel only the slots due after `now`. */
  updateSettings(ref: ChannelRef, settings: ChannelSettings, now?: Date): Promise<Channel>;
  setActive(ref: ChannelRef, active: boolean, reason?: string | null): Promise<void>;
  list(): Promise<Channel[]>;
}

/** A channel at a glance, for a control panel (Slack's App Home): what it is set to and how its posts went. */
export interface ChannelOverview {
  channel: Channel;
  terms: SubscriptionTerm[];
  /** The last digest, alert or recap posted there. */
  lastDelivery: { at: Date; kind: 'digest' | 'alert' | 'recap' } | null;
  /**
   * The latest message that did not go out: still being retried (`failing`, with when next), or given up on
   * (`failed`); null when the latest message went out.
   */
  problem: {
    kind: 'failing' | 'failed';
    error: string | null;
    attempts: number;
    nextAttemptAt: Date | null;
  } | null;
}

/** Channels of one workspace at a glance, a page at a time (by channel id). */
export interface ChannelOverviews {
  /** The channels paperboy knows among `channelIds` (all of the workspace's when absent), and how many there are. */
  page(
    workspace: { platform: Channel['platform']; workspaceId: string },
    options: { channelIds?: readonly string[]; offset: number; limit: number },
  ): Promise<{ total: number; overviews: ChannelOverview[] }>;
}

/**
 * A channel's keyword subscriptions, in the order they were added. Adding a term the channel already has
 * (same `text`, ignoring case) is a no-op reported in `existing`.
 *
 * @example
 * const { added, existing } = await subscriptions.add(channel, [{ kind: 'word', value: 'lora', text: 'lora' }]);
 */
export interface SubscriptionStore {
  list(ref: ChannelRef): Promise<SubscriptionTerm[]>;
  add(
    ref: ChannelRef,
    terms: SubscriptionTerm[],
  ): Promise<{ added: SubscriptionTerm[]; existing: SubscriptionTerm[] }>;
  remove(
    ref: ChannelRef,
    terms: SubscriptionTerm[],
  ): Promise<{ removed: SubscriptionTerm[]; missing: SubscriptionTerm[] }>;
}

/** A paper that matched one of a channel's subscription terms. */
export interface SubscriptionMatch {
  paper: Paper;
  /** The `text` of the first term (in subscription order) that matched. */
  term: string;
}

/**
 * The queries a digest is built from. Every query leaves out papers already delivered to the channel.
 *
 * @example
 * const day = await digestPapers.latestDailyDay('2026-06-12');
 * const top = day ? await digestPapers.trending({ channel, day, minUpvotes: 0, limit: 5 }) : [];
 */
export interface DigestPapers {
  /** The latest Daily-Papers day that has papers, on or before `onOrBefore` (`YYYY-MM-DD`). */
  latestDailyDay(onOrBefore: string): Promise<string | null>;
  /**
   * The day's papers by upvotes (ties by id), at least `minUpvotes`, without the `excluded` terms' papers,
   * not yet delivered to the channel.
   */
  trending(query: {
    channel: ChannelRef;
    day: string;
    minUpvotes: number;
    excluded: SubscriptionTerm[];
    limit: number;
    /** Also leave out the papers a teammate shared in the channel (`shared:hide`). */
    excludeShared?: boolean;
  }): Promise<Paper[]>;
  /**
   * Papers dated within [from, to] that match the terms (exclusions applied), from Hugging Face when
   * `includeHf` and from the given arXiv categories, not yet delivered; newest first, ties by id.
   */
  matching(query: {
    channel: ChannelRef;
    terms: SubscriptionTerm[];
    includeHf: boolean;
    categories: string[];
    from: Date;
    to: Date;
    /** Only papers first stored at or after this instant (new since an ingest began). */
    firstSeenSince?: Date;
    limit: number;
    excludeShared?: boolean;
  }): Promise<SubscriptionMatch[]>;
  /**
   * What a learned digest chooses from, in one query: the papers of the Daily-Papers `day` and the papers of
   * `categories` dated within [from, to], with at least `minUpvotes`, without the excluded terms' papers, not
   * yet delivered; the day's papers first, then the newest, at most `limit`. Each is its search document and
   * the first positive term (in subscription order) that matches it; `papers` loads the chosen ones in full.
   */
  candidates(query: {
    channel: ChannelRef;
    day: string | null;
    categories: string[];
    from: Date;
    to: Date;
    minUpvotes: number;
    terms: SubscriptionTerm[];
    limit: number;
    excludeShared?: boolean;
  }): Promise<DigestCandidate[]>;
  /** The search documents of the given papers (those a channel voted on); unknown ids are left out. */
  documents(paperIds: readonly string[]): Promise<PaperDocument[]>;
  /** The given papers in full, in the order asked for; unknown ids are left out. */
  papers(paperIds: readonly string[]): Promise<Paper[]>;
  /** Where one paper stands with the channel, for `/papers why`; null when the paper is not stored. */
  whereabouts(
    channel: ChannelRef,
    paperId: string,
    terms: SubscriptionTerm[],
  ): Promise<PaperWhereabouts | null>;
  /** Records papers as sent to the channel, so no later digest repeats them. */
  markDelivered(
    channel: ChannelRef,
    items: { paperId: string; matchedTerm: string | null }[],
    at: Date,
  ): Promise<void>;
}

/** Where one paper stands with a channel: delivered, queued, the terms it meets, its rank on its day. */
export interface PaperWhereabouts {
  /** When it was recorded as sent here (queued or posted), and the term it matched. */
  delivered: { at: Date; matchedTerm: string | null; messageId: string | null } | null;
  /** A message of this channel that holds it and is not posted yet, and when it is tried next. */
  queued: { status: string; nextAttemptAt: Date } | null;
  /** The first positive term (in subscription order) it matches, and the first exclusion it meets. */
  matchedTerm: string | null;
  excludedBy: string | null;
  /** Its rank by upvotes among the papers of its Daily-Papers day (1 is the most upvoted); null off the Daily Papers. */
  dayRank: number | null;
}

/** A paper a learned digest may choose: its search document and the subscription term it matches. */
export interface DigestCandidate {
  document: PaperDocument;
  term: string | null;
}

/** Paper look-ups for commands (`paper <id>`, `today`, `week`). */
export interface PaperCatalog {
  getPaper(id: string): Promise<Paper | null>;
  /** Papers of the Daily-Papers days in [firstDay, lastDay], by upvotes (ties by id). */
  topOfDays(firstDay: string, lastDay: string, limit: number): Promise<Paper[]>;
}

/**
 * Values of buttons and menus that do not fit a platform's limit, kept under a short key so that any replica
 * answers the click, also after a restart. A value lives until `expiresAt`; expired ones are swept.
 *
 * @example
 * const key = await state.put(longPageToken, new Date(Date.now() + 30 * 86_400_000));
 * await state.get(key, new Date()); // longPageToken
 */
export interface InteractionState {
  /** Keeps `value` until `expiresAt` and returns its key: at most 24 characters, letters, digits, `-` and `_`. */
  put(value: string, expiresAt: Date): Promise<string>;
  /** The value under `key`, or null when there is none or it has expired. */
  get(key: string, now: Date): Promise<string | null>;
}

/** One click or reaction: who said what about which paper in which channel. */
export interface FeedbackVote {
  channel: ChannelRef;
  paperId: string;
  /** The platform's user id (`U123`, a Discord snowflake, `local` in the terminal). */
  userId: string;
  kind: FeedbackKind;
}

/** A paper on a channel's reading list: who saved it and when it was last saved. */
export interface SavedEntry {
  paper: Paper;
  savedBy: string[];
  savedAt: Date;
}

/** What a channel said about one paper, summed over its people, for learning its interests. */
export interface FeedbackSignal {
  paperId: string;
  relevant: number;
  notRelevant: number;
  saved: number;
  /** When any of it was last said. */
  at: Date;
}

/**
 * Feedback on papers, per (channel, paper, person). Every write is one atomic statement, so concurrent clicks
 * from several replicas lose nothing and count once.
 *
 * @example
 * await feedback.click({ channel, paperId: '2606.93392', userId: 'U1', kind: 'save' }, now);
 * (await feedback.counts(channel, ['2606.93392'])).get('2606.93392'); // { relevant: 0, saved: 1 }
 */
export interface FeedbackStore {
  /**
   * A click: relevant and not relevant toggle (clicking again withdraws; one replaces the other), save toggles
   * the save. The same click by the same person again within a few seconds (a double click, or one click
   * delivered twice) changes nothing: `changed` is false.
   */
  click(vote: FeedbackVote, now: Date): Promise<FeedbackResult>;
  /** A reaction added (`on`) or removed: it sets or clears, never toggles. */
  react(vote: FeedbackVote & { on: boolean }, now: Date): Promise<FeedbackResult>;
  /** The counts of each paper asked for (zero when nobody said anything). */
  counts(channel: ChannelRef, paperIds: readonly string[]): Promise<Map<string, FeedbackCounts>>;
  /** The channel's reading list, most recently saved first. */
  saved(
    channel: ChannelRef,
    query: { since?: Date; by?: string; limit: number; offset: number },
  ): Promise<{ total: number; entries: SavedEntry[] }>;
  /** Takes a paper off the channel's reading list; returns who had saved it (empty when nobody had). */
  unsave(channel: ChannelRef, paperId: string, now: Date): Promise<string[]>;
  /** Everything the channel said, per paper, for learning. */
  signals(channel: ChannelRef): Promise<FeedbackSignal[]>;
}

/** A paper someone shared in a channel: who, in which message (its id and, where known, a link), and when. */
export interface PaperShare {
  paperId: string;
  /** The platform's user id of who shared it. */
  userId: string;
  /** The message's id (Slack `ts`, Discord snowflake); null when the platform did not say. */
  messageId: string | null;
  link: string | null;
  sharedAt: Date;
}

/**
 * The papers people shared in each channel (links they posted), so digests and alerts never present them as new.
 * The first share of a paper in a channel is the one kept.
 */
export interface SharedPapers {
  record(channel: ChannelRef, shares: Omit<PaperShare, 'sharedAt'>[], at: Date): Promise<void>;
  /** The shares of the given papers in the channel. */
  find(channel: ChannelRef, paperIds: readonly string[]): Promise<Map<string, PaperShare>>;
}

/** A posted paper that gained traction since: what is new, and the message it was first posted in. */
export interface PaperUpdate {
  paper: Paper;
  messageId: string;
  postedAt: Date;
  /** `42 upvotes on Daily Papers · code` */
  news: string;
  /** The reasons recorded for it (`daily`, `code`, ...), which mentioning it marks as said. */
  reasons: string[];
}

/**
 * Papers paperboy posted that gained traction later (their messages were edited in place); the next digest
 * mentions each once ("since you saw it").
 */
export interface PaperUpdates {
  /** Those the channel's digests have not mentioned yet, oldest first, one per paper, at most `limit`. */
  unmentioned(channel: ChannelRef, limit: number): Promise<PaperUpdate[]>;
  /** Marks these updates said, with exactly the reasons read (one recorded meanwhile waits for the next digest). */
  markMentioned(channel: ChannelRef, updates: readonly PaperUpdate[], at: Date): Promise<void>;
}

/** A message paperboy posted to a channel, with what it shows, so it can be redrawn and its reactions read. */
export interface PostedMessage {
  channel: ChannelRef;
  /** Slack's `ts`, Discord's message id. */
  messageId: string;
  /** What the message shows: its items are the papers in it. */
  card: Card;
  /** A message about one paper (a thread reply with its details): reactions on it count as feedback. */
  perPaper: boolean;
}

/** The messages paperboy posted, for drawing their feedback counts again and telling its messages from others. */
export interface PostedMessages {
  record(message: PostedMessage, now: Date): Promise<void>;
  find(channel: ChannelRef, messageId: string): Promise<PostedMessage | null>;
  /** What an edited message shows now (its papers' new upvotes and links). */
  replaceCard(channel: ChannelRef, messageId: string, card: Card): Promise<void>;
  /** Marks the channel's recent messages that show this paper as needing their counts drawn again. */
  countsChanged(channel: ChannelRef, paperId: string, now: Date): Promise<void>;
  /**
   * Claims up to `limit` messages whose counts changed and that were last drawn at least `minIntervalMs` ago
   * (on any replica), marking them drawn now, so each is redrawn at most once per interval.
   */
  claimRedraws(now: Date, minIntervalMs: number, limit: number): Promise<PostedMessage[]>;
  /** A redraw that could not be done now (rate limited): due again once the interval has passed. */
  retryRedraw(channel: ChannelRef, messageId: string, now: Date): Promise<void>;
}
