-- 002: full-text search (PostgreSQL). `doc` is built by the store from the title, prompt, answer,
-- model and tags, folded (lower case, diacritics removed) in the application so that no extension
-- (unaccent) is needed: the same folding as SQLite's `remove_diacritics 2`. `body` keeps the folded
-- prompt, answer and model so that a rename or a change of tags can rebuild `doc`.
CREATE TABLE runs_search (
  seq BIGINT PRIMARY KEY REFERENCES runs (seq) ON DELETE CASCADE,
  body TEXT NOT NULL,
  doc TSVECTOR NOT NULL
);

CREATE INDEX runs_search_doc ON runs_search USING GIN (doc);
