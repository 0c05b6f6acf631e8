-- 002: full-text search over title, prompt (every message), answer (completion 0), model and tags.
-- The store keeps it in sync in the same transaction as each save, update and delete.
-- rowid = runs.seq.
CREATE VIRTUAL TABLE runs_fts USING fts5 (
  title, prompt, answer, model, tags,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- index the runs saved before this migration
INSERT INTO runs_fts (rowid, title, prompt, answer, model, tags)
SELECT
  r.seq,
  r.title,
  CASE json_extract(r.prompt, '$.kind')
    WHEN 'text' THEN json_extract(r.prompt, '$.text')
    WHEN 'chat' THEN (
      SELECT group_concat(json_extract(m.value, '$.content'), char(10))
      FROM json_each(r.prompt, '$.messages') AS m
    )
    ELSE ''
  END,
  r.answer_text,
  r.model,
  coalesce((SELECT group_concat(t.tag, ' ') FROM run_tags AS t WHERE t.run_id = r.id), '')
FROM runs AS r;
