-- 006: sampling-based confidence (issue 13, "Confidence without logprobs").
-- consistency: core's ConsistencyAnalysis as JSON (the samples, their agreement, temperature and
-- cost); NULL for runs without one (and for every run saved before this version).
-- consistency_verdict: for a run made from samples only (no completion has tokens), core's
-- gateConsistency verdict ('publish' when every sentence is carried by at least 80 % of the samples,
-- else 'review'); the run's verdict is this one instead of the token gate's (which has nothing to
-- judge). NULL for every other run.
ALTER TABLE runs ADD COLUMN consistency TEXT;
ALTER TABLE runs ADD COLUMN consistency_verdict TEXT;
