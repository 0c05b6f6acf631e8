-- 005: datasets, and the per-run figures the database aggregates (issue "teams and volume").
-- dataset / prompt_version / expected / row_key: what a batch row or a recorded request said.
-- The figures are derived from core's analysis of completion 0 when the run is saved (and, for runs
-- saved before this version, by the store right after this migration: `derived` = 0 until then):
--   tokens, mean_logprob (NULL without tokens), mean_bucket = floor(mean_logprob * 100) clamped at
--   -2000 (histograms and percentiles at 0.01 resolution), flagged_tokens, low_spans,
--   sentences, gate_min_mean = the lowest sentence mean logprob (-1e300 when a sentence has no known
--   logprob; NULL without sentences), gate_min_fact_mean = the lowest mean logprob of a sentence
--   holding a low-confidence critical fact (NULL when none). With them the gate's verdict at any
--   thresholds is one comparison: review when gate_min_mean < review or gate_min_fact_mean <= publish
--   (core's gate: a sentence needs review below `review`, or between both with such a fact).
ALTER TABLE runs ADD COLUMN dataset TEXT;
ALTER TABLE runs ADD COLUMN prompt_version TEXT;
ALTER TABLE runs ADD COLUMN expected TEXT;
ALTER TABLE runs ADD COLUMN row_key TEXT;
ALTER TABLE runs ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN mean_logprob DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN mean_bucket INTEGER;
ALTER TABLE runs ADD COLUMN flagged_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN low_spans INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN sentences INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN gate_min_mean DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN gate_min_fact_mean DOUBLE PRECISION;

CREATE INDEX runs_dataset ON runs (dataset, id) WHERE dataset IS NOT NULL;
CREATE INDEX runs_created ON runs (created_at);
CREATE INDEX runs_underived ON runs (seq) WHERE derived = 0;
-- a batch row is stored once, whatever happens to the workers
CREATE UNIQUE INDEX runs_row_key ON runs (dataset, row_key) WHERE row_key IS NOT NULL;

-- Each sentence of completion 0: its mean logprob (-1e300 when no token has a known logprob) and
-- whether it holds a low-confidence critical fact; counts the sentences the gate sends to review.
CREATE TABLE run_sentences (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  mean_logprob DOUBLE PRECISION,
  low_fact INTEGER NOT NULL,
  PRIMARY KEY (run_id, idx)
);

-- The critical facts of completion 0 that have a low-confidence token.
CREATE TABLE run_facts (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  min_prob DOUBLE PRECISION,
  PRIMARY KEY (run_id, idx)
);

CREATE INDEX run_facts_prob ON run_facts (min_prob);

-- A dataset's settings: the gate thresholds chosen for it (NULL: core's defaults).
CREATE TABLE datasets (
  name TEXT PRIMARY KEY,
  publish DOUBLE PRECISION,
  review DOUBLE PRECISION,
  thresholds_note TEXT,
  updated_at TEXT
);

-- Batch rows: one per (dataset, row key). status: claimed (by `worker` until `lease_until`, ms
-- since the epoch), done (`run_id` stored) or failed (`error`; tried again by the next batch).
CREATE TABLE batch_rows (
  dataset TEXT NOT NULL,
  row_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'done', 'failed')),
  worker TEXT NOT NULL,
  lease_until BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  error TEXT,
  run_id TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (dataset, row_key)
);

CREATE INDEX batch_rows_status ON batch_rows (dataset, status);
