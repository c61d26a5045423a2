-- Existing rows keep null next-due times: the first tick after this migration looks at every channel whose
-- digest or recap is on (as every tick did before), computes its next-due time in TypeScript and stores it.
ALTER TABLE "channels" ADD COLUMN "next_digest_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "next_recap_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "channels_next_digest_idx" ON "channels" USING btree ("next_digest_at") WHERE "channels"."active" and "channels"."next_digest_at" is not null;--> statement-breakpoint
CREATE INDEX "channels_digest_uncomputed_idx" ON "channels" USING btree ("id") WHERE "channels"."active" and "channels"."next_digest_at" is null and ("channels"."settings" -> 'schedule' ->> 'enabled') = 'true';--> statement-breakpoint
CREATE INDEX "channels_next_recap_idx" ON "channels" USING btree ("next_recap_at") WHERE "channels"."active" and "channels"."next_recap_at" is not null;--> statement-breakpoint
CREATE INDEX "channels_recap_uncomputed_idx" ON "channels" USING btree ("id") WHERE "channels"."active" and "channels"."next_recap_at" is null and ("channels"."settings" -> 'recap' ->> 'enabled') = 'true';--> statement-breakpoint
CREATE INDEX "digest_slots_channel_due_idx" ON "digest_slots" USING btree ("channel_id","due_at");
