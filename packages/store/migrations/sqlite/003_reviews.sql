-- 003: human review decisions on a run's sentences (confidence gating, seed 001).
-- One row per decision, never updated: the latest row per (run_id, sentence) is the decision in
-- force, the older rows are its history. `sentence` is the index in core's analysis of completion 0
-- (`analysis.sentences`, as `gate` numbers them), [char_start, char_end) its range in the answer text
-- and `text` the sentence as it read when decided (so a later change of sentence splitting shows as a
-- mismatch instead of a wrong attribution). `edited_text` is set exactly when decision = 'edited'.
-- Times are ISO 8601 (UTC, milliseconds). Rows go with their run (ON DELETE CASCADE).
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  sentence INTEGER NOT NULL CHECK (sentence >= 0),
  char_start INTEGER NOT NULL CHECK (char_start >= 0),
  char_end INTEGER NOT NULL CHECK (char_end >= char_start),
  text TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected', 'edited')),
  edited_text TEXT,
  note TEXT,
  decided_at TEXT NOT NULL,
  CHECK ((decision = 'edited') = (edited_text IS NOT NULL))
) STRICT;

CREATE INDEX reviews_run ON reviews (run_id, sentence, id);
