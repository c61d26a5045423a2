ALTER TABLE "channels" ADD COLUMN "recap_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Until now the recap owed nothing before any settings change; keep that time as its start.
UPDATE "channels" SET "recap_changed_at" = "updated_at";
