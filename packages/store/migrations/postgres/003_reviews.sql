-- 003: human review decisions on a run's sentences (PostgreSQL; as sqlite/003_reviews.sql).
CREATE TABLE reviews (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
);

CREATE INDEX reviews_run ON reviews (run_id, sentence, id);
