-- Each paper's adjacent word pairs ('larg multimod', 'multimod model'), read from its search document, indexed so
-- a quoted phrase or a hyphenated word is looked up by its pairs: the full-text index has no positions, so a
-- phrase of common words otherwise checks the document of every paper holding all its words (tens of thousands
-- at a million papers). A pair of two very long lexemes would not fit an index entry, so lexemes over 100 bytes
-- pair with nothing; the query's pairs come from this same function, so they skip the same words.
CREATE FUNCTION "paperboy_word_pairs"("document" tsvector) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT "first"."lexeme" || ' ' || "second"."lexeme"), '{}')
  FROM (SELECT "lexeme", unnest("positions") AS "at" FROM unnest("document") WHERE octet_length("lexeme") <= 100) AS "first"
  JOIN (SELECT "lexeme", unnest("positions") AS "at" FROM unnest("document") WHERE octet_length("lexeme") <= 100) AS "second"
    ON "second"."at" = "first"."at" + 1
$$;--> statement-breakpoint
CREATE INDEX "papers_word_pairs_idx" ON "papers" USING gin (paperboy_word_pairs("search"));
