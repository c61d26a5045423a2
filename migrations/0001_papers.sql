CREATE TABLE "ingest_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingest_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"fetched" integer DEFAULT 0 NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"skipped_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer,
	"title" text NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"primary_category" text,
	"comment" text,
	"links" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"upvotes" integer,
	"num_comments" integer,
	"daily_date" date,
	"ai_summary" text,
	"ai_keywords" jsonb,
	"github_repo" text,
	"github_stars" integer,
	"project_page" text,
	"organization" text,
	"thumbnail" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("ai_keywords", '[]'::jsonb)), 'B') || setweight(to_tsvector('english', "authors"), 'B') || setweight(to_tsvector('english', coalesce("abstract", '')), 'C')) STORED NOT NULL,
	"fuzzy" text GENERATED ALWAYS AS (lower("title" || ' ' || coalesce("ai_keywords"::text, ''))) STORED NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ingest_runs_source_started_idx" ON "ingest_runs" USING btree ("source","started_at");--> statement-breakpoint
CREATE INDEX "papers_search_idx" ON "papers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "papers_fuzzy_trgm_idx" ON "papers" USING gin ("fuzzy" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "papers_daily_date_idx" ON "papers" USING btree ("daily_date");--> statement-breakpoint
CREATE INDEX "papers_published_at_idx" ON "papers" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "papers_categories_idx" ON "papers" USING gin ("categories");