DROP INDEX "posted_messages_redraw_idx";--> statement-breakpoint
ALTER TABLE "posted_messages" ADD COLUMN "changes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "posted_messages" ADD COLUMN "drawn_changes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "posted_messages_due_idx" ON "posted_messages" USING btree ("counts_changed_at") WHERE "posted_messages"."changes" > "posted_messages"."drawn_changes";--> statement-breakpoint
-- Messages waiting for a redraw when this runs stay waiting.
UPDATE "posted_messages" SET "changes" = 1 WHERE "counts_changed_at" IS NOT NULL AND ("drawn_at" IS NULL OR "drawn_at" < "counts_changed_at");
