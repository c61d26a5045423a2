-- pg_trgm powers the typo-tolerant search fallback; PGlite ships it as a contrib extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
