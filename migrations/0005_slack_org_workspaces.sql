CREATE TABLE "slack_org_workspaces" (
	"team_id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
