CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
DROP INDEX IF EXISTS "papers_fuzzy_trgm_idx";--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gist ("word" gist_trgm_ops);--> statement-breakpoint
-- The words of the titles and AI keywords each statement writes, counted, in one insert per statement (a
-- transition table), sorted so concurrent ingests take their row locks in the same order.
CREATE FUNCTION "paperboy_add_search_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_words" ("word", "occurrences")
  SELECT "word", count(*)
  FROM "written_papers", regexp_split_to_table("written_papers"."fuzzy", '[^[:alnum:]]+') AS "word"
  WHERE length("word") BETWEEN 4 AND 40
  GROUP BY "word"
  ORDER BY "word"
  ON CONFLICT ("word") DO UPDATE SET "occurrences" = "search_words"."occurrences" + excluded."occurrences";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "papers_search_words_insert" AFTER INSERT ON "papers"
  REFERENCING NEW TABLE AS "written_papers" FOR EACH STATEMENT EXECUTE FUNCTION "paperboy_add_search_words"();--> statement-breakpoint
CREATE TRIGGER "papers_search_words_update" AFTER UPDATE ON "papers"
  REFERENCING NEW TABLE AS "written_papers" FOR EACH STATEMENT EXECUTE FUNCTION "paperboy_add_search_words"();--> statement-breakpoint
INSERT INTO "search_words" ("word", "occurrences")
SELECT "word", count(*) FROM "papers", regexp_split_to_table("papers"."fuzzy", '[^[:alnum:]]+') AS "word"
WHERE length("word") BETWEEN 4 AND 40
GROUP BY "word";
