-- 001: runs and their tags.
-- `seq` is the rowid (stable across VACUUM); the search index (002) is keyed by it.
-- JSON columns hold core's types: prompt (RunPrompt, NULL for imports without one), params
-- (RunParams), response (LogprobResponse), prompt_token_ids (number[]), branch (RunBranch),
-- summary (RunSummary). Times are ISO 8601 (UTC, milliseconds).
CREATE TABLE runs (
  seq INTEGER PRIMARY KEY,
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
  -- the root of the branch tree (kept when runs in between are deleted); NULL for a root
  branch_root_id TEXT,
  branch TEXT,
  file_name TEXT,
  summary TEXT NOT NULL,
  prompt_preview TEXT NOT NULL,
  answer_preview TEXT NOT NULL,
  answer_text TEXT NOT NULL
) STRICT;

CREATE INDEX runs_source ON runs (source, id);
CREATE INDEX runs_model ON runs (model, id);
CREATE INDEX runs_branch_root ON runs (branch_root_id) WHERE branch_root_id IS NOT NULL;

CREATE TABLE run_tags (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  -- the order the user gave the tags in
  position INTEGER NOT NULL,
  PRIMARY KEY (run_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX run_tags_tag ON run_tags (tag, run_id);
