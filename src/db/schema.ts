import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { PaperLinks, PaperSource, SkippedItem } from '../core/paper.js';

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
    // Weighted full-text document: title (A), then AI keywords and author names (B), then abstract (C).
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("ai_keywords", '[]'::jsonb)), 'B') || setweight(to_tsvector('english', "authors"), 'B') || setweight(to_tsvector('english', coalesce("abstract", '')), 'C')`,
      ),
    // Title and keywords as one lowercase string, for the trigram (typo-tolerant) fallback.
    fuzzy: text('fuzzy')
      .notNull()
      .generatedAlwaysAs(sql`lower("title" || ' ' || coalesce("ai_keywords"::text, ''))`),
  },
  (t) => [
    index('papers_search_idx').using('gin', t.search),
    index('papers_fuzzy_trgm_idx').using('gin', sql`${t.fuzzy} gin_trgm_ops`),
    index('papers_daily_date_idx').on(t.dailyDate),
    index('papers_published_at_idx').on(t.publishedAt),
    index('papers_categories_idx').using('gin', t.categories),
  ],
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
