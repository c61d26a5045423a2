CREATE TABLE "model_usage" (
	"day" date PRIMARY KEY NOT NULL,
	"tokens" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_questions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "paper_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"paper_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_texts" (
	"paper_id" text PRIMARY KEY NOT NULL,
	"url" text,
	"text" text,
	"fetched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_tldrs" (
	"paper_id" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"model" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "paper_tldrs_paper_id_language_pk" PRIMARY KEY("paper_id","language")
);
--> statement-breakpoint
CREATE TABLE "tldr_jobs" (
	"paper_id" text NOT NULL,
	"language" text NOT NULL,
	"status" text NOT NULL,
	"priority" integer NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tldr_jobs_paper_id_language_pk" PRIMARY KEY("paper_id","language")
);
--> statement-breakpoint
ALTER TABLE "paper_texts" ADD CONSTRAINT "paper_texts_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_tldrs" ADD CONSTRAINT "paper_tldrs_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tldr_jobs" ADD CONSTRAINT "tldr_jobs_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "paper_questions_dedupe_idx" ON "paper_questions" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "paper_questions_workspace_idx" ON "paper_questions" USING btree ("platform","workspace_id","asked_at");--> statement-breakpoint
CREATE INDEX "paper_questions_user_idx" ON "paper_questions" USING btree ("platform","workspace_id","user_id","asked_at");--> statement-breakpoint
CREATE INDEX "tldr_jobs_due_idx" ON "tldr_jobs" USING btree ("priority","next_attempt_at") WHERE "tldr_jobs"."status" <> 'failed';