import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Card } from '../core/cards/card.js';
import type { ChannelSettings, Platform } from '../core/channel.js';
import type { PaperLinks, PaperSource, SkippedItem } from '../core/paper.js';
import type { SubscriptionTerm } from '../core/subscriptions/term.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const papers = pgTable(
  'papers',
  {
    id: text('id').primaryKey(),
    version: integer('version'),
    title: text('title').notNull(),
    abstract: text('abstract').notNull().default(''),
    authors: jsonb('authors').$type<string[]>().notNull().default([]),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    primaryCategory: text('primary_category'),
    comment: text('comment'),
    links: jsonb('links').$type<PaperLinks>().notNull().default({}),
    upvotes: integer('upvotes'),
    numComments: integer('num_comments'),
    dailyDate: date('daily_date', { mode: 'string' }),
    aiSummary: text('ai_summary'),
    aiKeywords: jsonb('ai_keywords').$type<string[]>(),
    githubRepo: text('github_repo'),
    githubStars: integer('github_stars'),
    projectPage: text('project_page'),
    organization: text('organization'),
    thumbnail: text('thumbnail'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    sources: text('sources').array().$type<PaperSource[]>().notNull().default(sql`'{}'::text[]`),
    // Weighted full-text document, one label per field so matching can pick fields (`ts_filter`):
    // title A, AI keywords B, author names C, abstract D. Search ranks them 1.0, 0.4, 0.4 and 0.2.
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("ai_keywords", '[]'::jsonb)), 'B') || setweight(to_tsvector('english', "authors"), 'C') || setweight(to_tsvector('english', coalesce("abstract", '')), 'D')`,
      ),
    // The date search filters and sorts on: the later of the arXiv publication and the Daily-Papers day (UTC).
    paperDate: timestamp('paper_date', { withTimezone: true }).generatedAlwaysAs(
      sql`greatest("published_at", ("daily_date"::timestamp at time zone 'UTC'))`,
    ),
    // Title and keywords as one lowercase string: its words fill `search_words` (a trigger, see migration 0012).
    fuzzy: text('fuzzy')
      .notNull()
      .generatedAlwaysAs(sql`lower("title" || ' ' || coalesce("ai_keywords"::text, ''))`),
  },
  (t) => [
    index('papers_search_idx').using('gin', t.search),
    // Adjacent word pairs of the document, so a phrase's candidates are the papers holding its pairs (migration 0016).
    index('papers_word_pairs_idx').using('gin', sql`paperboy_word_pairs(${t.search})`),
    index('papers_daily_date_idx').on(t.dailyDate),
    index('papers_published_at_idx').on(t.publishedAt),
    index('papers_paper_date_idx').on(t.paperDate.desc().nullsLast(), t.id),
    index('papers_upvotes_idx').on(sql`coalesce(${t.upvotes}, -1) desc`, t.id),
    index('papers_categories_idx').using('gin', t.categories),
  ],
);

/**
 * Every word of four letters or more in a stored title or AI keyword, for the typo-tolerant fallback: a misspelt
 * word is matched against these (trigrams) and the search runs again with the closest. Filled by a statement
 * trigger on `papers` (migration 0012), so every way a paper is written adds its words; words are never removed.
 */
export const searchWords = pgTable(
  'search_words',
  {
    word: text('word').primaryKey(),
    // How often the word was written (a paper written again counts again): common spellings win over rare ones.
    occurrences: integer('occurrences').notNull().default(1),
  },
  (t) => [index('search_words_trgm_idx').using('gist', sql`${t.word} gist_trgm_ops`)],
);

export const ingestRuns = pgTable(
  'ingest_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    status: text('status').$type<IngestRunStatus>().notNull().default('running'),
    fetched: integer('fetched').notNull().default(0),
    stored: integer('stored').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    skippedItems: jsonb('skipped_items').$type<SkippedItem[]>().notNull().default([]),
    error: text('error'),
  },
  (t) => [index('ingest_runs_source_started_idx').on(t.source, t.startedAt)],
);

export type IngestRunStatus = 'running' | 'succeeded' | 'failed';

/** A chat channel paperboy serves (Slack, Discord or the console), with its validated settings. */
export const channels = pgTable(
  'channels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').$type<Platform>().notNull(),
    workspaceId: text('workspace_id').notNull(),
    channelId: text('channel_id').notNull(),
    settings: jsonb('settings').$type<ChannelSettings>().notNull(),
    active: boolean('active').notNull().default(true),
    inactiveReason: text('inactive_reason'),
    /** Slots due before the schedule was last changed are not owed to the channel. */
    scheduleChangedAt: timestamp('schedule_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the weekly recap's setting last changed: the recap owes nothing for weeks that ended before. */
    recapChangedAt: timestamp('recap_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The digest tick skips the channel until then: every owed slot before it is claimed or recorded. Null when
     * the digest is off, or (a row written by an older version or directly) not computed yet: the tick then
     * looks at the channel and fills it in.
     */
    nextDigestAt: timestamp('next_digest_at', { withTimezone: true }),
    /** The same for the weekly recap. */
    nextRecapAt: timestamp('next_recap_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('channels_ref_idx').on(t.platform, t.workspaceId, t.channelId),
    // The tick's `next_… <= now`, and the rows whose next-due time is not computed yet (normally none).
    index('channels_next_digest_idx')
      .on(t.nextDigestAt)
      .where(sql`${t.active} and ${t.nextDigestAt} is not null`),
    index('channels_digest_uncomputed_idx')
      .on(t.id)
      .where(
        sql`${t.active} and ${t.nextDigestAt} is null and (${t.settings} -> 'schedule' ->> 'enabled') = 'true'`,
      ),
    index('channels_next_recap_idx')
      .on(t.nextRecapAt)
      .where(sql`${t.active} and ${t.nextRecapAt} is not null`),
    index('channels_recap_uncomputed_idx')
      .on(t.id)
      .where(
        sql`${t.active} and ${t.nextRecapAt} is null and (${t.settings} -> 'recap' ->> 'enabled') = 'true'`,
      ),
  ],
);

/** One keyword-subscription term of a channel; `normalized` makes subscribing twice a no-op. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SubscriptionTerm['kind']>().notNull(),
    value: text('value').notNull(),
    text: text('text').notNull(),
    normalized: text('normalized').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subscriptions_channel_term_idx').on(t.channelId, t.normalized)],
);

/** Papers a channel has been sent, so no digest repeats one. */
export const deliveredPapers = pgTable(
  'delivered_papers',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    paperId: text('paper_id').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
    matchedTerm: text('matched_term'),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.paperId] })],
);

export type DigestSlotStatus = 'claimed' | 'empty' | 'missed';

/**
 * One due digest of one channel. The unique (channel, slot) row is the claim: the replica whose insert
 * succeeds builds the digest; the others do nothing.
 */
export const digestSlots = pgTable(
  'digest_slots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').$type<DigestSlotStatus>().notNull(),
    late: boolean('late').notNull().default(false),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('digest_slots_channel_slot_idx').on(t.channelId, t.slot),
    index('digest_slots_due_idx').on(t.dueAt),
    // A due channel's slots within the lookback, read by the tick with the channel.
    index('digest_slots_channel_due_idx').on(t.channelId, t.dueAt),
  ],
);

/** `edit`: a message posted earlier drawn again in place (its paper gained traction). */
export type DeliveryKind = 'digest' | 'alert' | 'recap' | 'edit';

/** Which posted message an `edit` delivery draws again, and whether it is a per-paper (thread) message. */
export interface EditTarget {
  messageId: string;
  perPaper: boolean;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

/** A message (a digest or an alert) waiting to be posted, being posted, posted, or given up on. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** The channel's platform, copied in when queued: each platform's workers read only their own waiting rows. */
    platform: text('platform').$type<Platform>().notNull(),
    slotId: bigint('slot_id', { mode: 'number' }).references(() => digestSlots.id, { onDelete: 'set null' }),
    kind: text('kind').$type<DeliveryKind>().notNull(),
    card: jsonb('card').$type<Card>().notNull(),
    /** Stable per message, so a platform that supports it (Discord's nonce) can drop a repeated send. */
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    leasedBy: text('leased_by'),
    lastError: text('last_error'),
    /** How many of the message's platform posts went out, and their ids, so a retry resumes after them. */
    partsSent: integer('parts_sent').notNull().default(0),
    messageIds: jsonb('message_ids').$type<string[]>().notNull().default([]),
    /** For an `edit`: the message to draw again with `card`. */
    editOf: jsonb('edit_of').$type<EditTarget>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
    // A platform's waiting deliveries in the order `take` hands them out, so it reads only as many as it takes.
    index('deliveries_waiting_idx')
      .on(t.platform, t.nextAttemptAt, t.id)
      .where(sql`${t.status} in ('pending', 'failed')`),
    index('deliveries_leased_idx').on(t.platform, t.leaseUntil).where(sql`${t.status} = 'sending'`),
    uniqueIndex('deliveries_idempotency_idx').on(t.idempotencyKey),
  ],
);

/** Runs of replicated cron jobs (ingestion): the first replica to insert a run's key does the work. */
export const cronRuns = pgTable('cron_runs', {
  key: text('key').primaryKey(),
  owner: text('owner').notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * A Slack workspace (or an Enterprise Grid org, for org-wide installs) that installed paperboy through OAuth.
 * The whole installation, bot token included, is stored encrypted (AES-256-GCM with PAPERBOY_SECRET_KEY).
 */
export const slackInstallations = pgTable('slack_installations', {
  /** `team:T123` for a workspace, `enterprise:E123` for an org-wide install. */
  installKey: text('install_key').primaryKey(),
  teamId: text('team_id'),
  enterpriseId: text('enterprise_id'),
  isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
  botUserId: text('bot_user_id'),
  /** `v1:` + base64(iv | tag | ciphertext) of the installation's JSON; the install key is the associated data. */
  installationEncrypted: text('installation_encrypted').notNull(),
  installedAt: timestamp('installed_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The workspaces of an org that installed paperboy org-wide (Enterprise Grid), learned from their requests: a
 * scheduled post has no incoming request, so this is how it finds the org's token for a workspace.
 */
export const slackOrgWorkspaces = pgTable('slack_org_workspaces', {
  teamId: text('team_id').primaryKey(),
  enterpriseId: text('enterprise_id').notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Values of buttons and menus too long for a platform's limit (a long search's page token, later feedback and
 * reading-list state), under a short key, so any replica answers the click; swept once expired.
 */
export const interactionState = pgTable(
  'interaction_state',
  {
    key: text('key').primaryKey(),
    value: text('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('interaction_state_expires_at').on(table.expiresAt)],
);

/**
 * One person's feedback on one paper in one channel: relevant (1) or not (-1), and whether they saved it. The
 * `*_changed_at` times let a repeated click within seconds (a double click) count once.
 */
export const paperFeedback = pgTable(
  'paper_feedback',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    relevance: smallint('relevance').notNull().default(0),
    /** The value the last relevance click asked for (1 or -1), to tell a repeat from a change of mind. */
    relevanceClick: smallint('relevance_click'),
    relevanceChangedAt: timestamp('relevance_changed_at', { withTimezone: true }),
    savedAt: timestamp('saved_at', { withTimezone: true }),
    saveChangedAt: timestamp('save_changed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.paperId, t.userId] }),
    index('paper_feedback_saved_idx').on(t.channelId, t.savedAt),
  ],
);

/**
 * Messages paperboy posted (digests, alerts, recaps, their thread replies), with the card each one shows, so their
 * feedback counts can be drawn again in place, at most once per interval, and reactions on them recognised.
 */
export const postedMessages = pgTable(
  'posted_messages',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    card: jsonb('card').$type<Card>().notNull(),
    paperIds: jsonb('paper_ids').$type<string[]>().notNull(),
    perPaper: boolean('per_paper').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    countsChangedAt: timestamp('counts_changed_at', { withTimezone: true }),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    /** Counts every change to the counts it shows; a message is due a redraw while `drawn_changes` is behind. */
    changes: bigint('changes', { mode: 'number' }).notNull().default(0),
    /** `changes` as it was when the message was last claimed for a redraw. */
    drawnChanges: bigint('drawn_changes', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.messageId] }),
    index('posted_messages_channel_posted_idx').on(t.channelId, t.postedAt),
    index('posted_messages_due_idx').on(t.countsChangedAt).where(sql`${t.changes} > ${t.drawnChanges}`),
    // Which messages show a paper, across channels: the papers an ingest changed find their posts by it.
    index('posted_messages_paper_ids_idx').using('gin', sql`${t.paperIds} jsonb_path_ops`),
  ],
);

/**
 * Papers people shared in a channel (a link in a message), the first share of each: who, the message and when.
 * Digests and alerts show such a paper as "shared by …" (or leave it out), never as new.
 */
export const sharedPapers = pgTable(
  'shared_papers',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    messageId: text('message_id'),
    link: text('link'),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.paperId] })],
);

/**
 * A paper paperboy posted in a channel that gained traction since (entered the Daily Papers, crossed the
 * channel's minimum upvotes, got code), once per reason: its messages were edited in place, and the next digest
 * mentions it once ("since you saw it"), after which `mentioned_at` is set.
 */
export const paperUpdates = pgTable(
  'paper_updates',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    /** `daily`, `min-upvotes:<n>` or `code`. */
    reason: text('reason').notNull(),
    /** The message the paper was first posted in (a digest or an alert), which the line links to. */
    messageId: text('message_id').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    /** What is new, e.g. `42 upvotes on Daily Papers · code`. */
    news: text('news').notNull(),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    mentionedAt: timestamp('mentioned_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.paperId, t.reason] }),
    index('paper_updates_unmentioned_idx').on(t.channelId).where(sql`${t.mentionedAt} is null`),
  ],
);

/** A TL;DR a language model wrote for a paper, once per paper and language (a BCP 47 tag such as `de`). */
export const paperTldrs = pgTable(
  'paper_tldrs',
  {
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    text: text('text').notNull(),
    model: text('model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.language] })],
);

/**
 * TL;DRs waiting to be written: a job queue in Postgres, keyed by paper and language so each is asked for once.
 * `queued` jobs are due at `next_attempt_at`, highest priority first; a `running` job whose lease ran out (its
 * replica died) is due again; `failed` ones gave up and stay for the operator to see. A done job is deleted.
 */
export const tldrJobs = pgTable(
  'tldr_jobs',
  {
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    status: text('status').$type<'queued' | 'running' | 'failed'>().notNull(),
    /** Higher first: a digest waiting for it, then upvotes. */
    priority: integer('priority').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.paperId, t.language] }),
    index('tldr_jobs_due_idx').on(t.priority, t.nextAttemptAt).where(sql`${t.status} <> 'failed'`),
  ],
);

/** Tokens the model used per UTC day, across replicas, against LLM_DAILY_TOKENS. */
export const modelUsage = pgTable('model_usage', {
  day: date('day').primaryKey(),
  tokens: bigint('tokens', { mode: 'number' }).notNull(),
});

/** A paper's full text (arXiv HTML, cleaned), fetched once; `text` is null when arXiv has none. */
export const paperTexts = pgTable('paper_texts', {
  paperId: text('paper_id')
    .primaryKey()
    .references(() => papers.id, { onDelete: 'cascade' }),
  url: text('url'),
  text: text('text'),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
});

/**
 * Questions asked of papers, for the per-person and per-workspace limits; `dedupe_key` (the platform's event or
 * interaction id) makes a retried event count and answer once.
 */
export const paperQuestions = pgTable(
  'paper_questions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').$type<Platform>().notNull(),
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    paperId: text('paper_id').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('paper_questions_dedupe_idx').on(t.dedupeKey),
    index('paper_questions_workspace_idx').on(t.platform, t.workspaceId, t.askedAt),
    index('paper_questions_user_idx').on(t.platform, t.workspaceId, t.userId, t.askedAt),
  ],
);
