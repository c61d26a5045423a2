-- Keep each paper's search document in the table's own rows instead of the TOAST table: search checks phrases
-- and hyphenated words against the documents of every paper holding their words, and walks common words paper
-- by paper, and a document stored out of line costs a TOAST index lookup and another page per paper (quoted
-- phrases and hyphenated words took about twice as long). Rows too long for a page move their abstract out
-- (compressed) instead, read only for the papers shown. Rows written before this keep their documents where
-- they are until written again; `VACUUM FULL papers` moves them all at once.
ALTER TABLE "papers" ALTER COLUMN "search" SET STORAGE MAIN;
