-- 004: the restriction a local run's output was generated under (as sqlite/004_constraint.sql).
ALTER TABLE runs ADD COLUMN generation_constraint TEXT;
