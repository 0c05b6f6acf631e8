-- 004: the restriction a local run's output was generated under (core's GenerateConstraint as JSON:
-- {kind: 'choices', choices}, {kind: 'json-schema', schema} or {kind: 'grammar', gbnf}), so that a
-- branch of the run continues under the same constraint. NULL for runs without one (and for every
-- run saved before this version).
ALTER TABLE runs ADD COLUMN generation_constraint TEXT;
