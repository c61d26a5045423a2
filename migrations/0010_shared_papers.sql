CREATE TABLE "paper_updates" (
	"channel_id" bigint NOT NULL,
	"paper_id" text NOT NULL,
	"reason" text NOT NULL,
	"message_id" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"news" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"mentioned_at" timestamp with time zone,
	CONSTRAINT "paper_updates_channel_id_paper_id_reason_pk" PRIMARY KEY("channel_id","paper_id","reason")
);
--> statement-breakpoint
CREATE TABLE "shared_papers" (
	"channel_id" bigint NOT NULL,
	"paper_id" text NOT NULL,
	"user_id" text NOT NULL,
	"message_id" text,
	"link" text,
	"shared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shared_papers_channel_id_paper_id_pk" PRIMARY KEY("channel_id","paper_id")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "edit_of" jsonb;--> statement-breakpoint
ALTER TABLE "paper_updates" ADD CONSTRAINT "paper_updates_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_updates" ADD CONSTRAINT "paper_updates_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_papers" ADD CONSTRAINT "shared_papers_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_papers" ADD CONSTRAINT "shared_papers_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paper_updates_unmentioned_idx" ON "paper_updates" USING btree ("channel_id") WHERE "paper_updates"."mentioned_at" is null;--> statement-breakpoint
CREATE INDEX "posted_messages_paper_ids_idx" ON "posted_messages" USING gin ("paper_ids" jsonb_path_ops);