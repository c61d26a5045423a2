CREATE TABLE "paper_feedback" (
	"channel_id" bigint NOT NULL,
	"paper_id" text NOT NULL,
	"user_id" text NOT NULL,
	"relevance" smallint DEFAULT 0 NOT NULL,
	"relevance_click" smallint,
	"relevance_changed_at" timestamp with time zone,
	"saved_at" timestamp with time zone,
	"save_changed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_feedback_channel_id_paper_id_user_id_pk" PRIMARY KEY("channel_id","paper_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "posted_messages" (
	"channel_id" bigint NOT NULL,
	"message_id" text NOT NULL,
	"card" jsonb NOT NULL,
	"paper_ids" jsonb NOT NULL,
	"per_paper" boolean NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"counts_changed_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	CONSTRAINT "posted_messages_channel_id_message_id_pk" PRIMARY KEY("channel_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "paper_feedback" ADD CONSTRAINT "paper_feedback_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_feedback" ADD CONSTRAINT "paper_feedback_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posted_messages" ADD CONSTRAINT "posted_messages_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paper_feedback_saved_idx" ON "paper_feedback" USING btree ("channel_id","saved_at");--> statement-breakpoint
CREATE INDEX "posted_messages_channel_posted_idx" ON "posted_messages" USING btree ("channel_id","posted_at");--> statement-breakpoint
CREATE INDEX "posted_messages_redraw_idx" ON "posted_messages" USING btree ("counts_changed_at");