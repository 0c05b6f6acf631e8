-- 001: runs and their tags (PostgreSQL; the same schema as sqlite/001_runs.sql).
-- JSON columns hold core's types as text, exactly as SQLite stores them. Times are ISO 8601 text
-- (UTC, milliseconds), so that both backends sort and compare them the same way.
CREATE TABLE runs (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  model TEXT NOT NULL,
  endpoint TEXT,
  provider TEXT,
  prompt TEXT,
  params TEXT NOT NULL,
  response TEXT NOT NULL,
  prompt_text TEXT,
  prompt_token_ids TEXT,
  branch_parent_id TEXT,
  branch_position INTEGER,
  branch_root_id TEXT,
  branch TEXT,
  file_name TEXT,
  summary TEXT NOT NULL,
  prompt_preview TEXT NOT NULL,
  answer_preview TEXT NOT NULL,
  answer_text TEXT NOT NULL
);

CREATE INDEX runs_source ON runs (source, id);
CREATE INDEX runs_model ON runs (model, id);
CREATE INDEX runs_branch_root ON runs (branch_root_id) WHERE branch_root_id IS NOT NULL;

CREATE TABLE run_tags (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (run_id, tag)
);

CREATE INDEX run_tags_tag ON run_tags (tag, run_id);
